// CSV replies: see csv.hpp.
#include "gateway/csv.hpp"

namespace enlace::gateway {

void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view f : fields) {
    if (!first) out += ',';
    first = false;
    if (f.find_first_of(",\"\r\n") == std::string_view::npos) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
}

bool wants_csv(const Request& req) {
  auto accept = req.header("accept");
  return accept && accept->find("text/csv") != std::string_view::npos;
}

Response csv_attachment(std::string body, const std::string& filename, bool personal_data) {
  Response r;
  r.status = 200;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(body);
  r.personal_data = personal_data;
  r.set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

}  // namespace enlace::gateway
