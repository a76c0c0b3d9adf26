// Contact fields of an account: see account_fields.hpp.
#include "gateway/handlers/account_fields.hpp"

#include "core/field_checks.hpp"
#include "core/mail_text.hpp"

namespace enlace::gateway {

ContactFields read_contact_fields(FieldReader& f) {
  ContactFields out;
  if (f.has("email")) {
    if (f.is_null("email")) {
      out.email = std::optional<std::string>();
    } else if (auto raw = f.string("email", false, 1000)) {
      core::FieldErrors errors;
      auto email = core::check_text(errors, "email", raw, {.max_chars = 254});
      if (!errors.empty() || !email)
        f.error("email", "must be an e-mail address of at most 254 characters");
      else if (email->empty())
        out.email = std::optional<std::string>();
      else if (!core::looks_like_email(*email))
        f.error("email", "must be an e-mail address");
      else
        out.email = *email;
    }
  }
  if (f.has("language")) {
    if (f.is_null("language")) {
      out.language = std::string();
    } else if (auto lang = f.string("language", false, 10)) {
      if (core::is_ui_language(*lang))
        out.language = *lang;
      else
        f.error("language", "must be one of es, en, fr, pt, ht, fil");
    }
  }
  return out;
}

}  // namespace enlace::gateway
