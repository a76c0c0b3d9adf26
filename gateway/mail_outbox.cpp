// Whether mails are queued: see mail_outbox.hpp.
#include "gateway/mail_outbox.hpp"

#include <atomic>

namespace enlace::gateway {

namespace {
std::atomic<bool> g_enabled{false};
}

void enable_mail_outbox(bool on) { g_enabled.store(on); }
bool mail_outbox_enabled() { return g_enabled.load(); }

}  // namespace enlace::gateway
