// Fuzz target: the request target's query string (decoding) and the list parameters read
// from it.
#include "gateway/handlers/paging.hpp"
#include "gateway/request_framing.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace enlace::gateway;
  std::string target = "/api/v1/cases?";
  target.append(reinterpret_cast<const char*>(data), size);
  auto parsed = parse_target(target);
  if (!parsed) return 0;
  if (parsed->path != "/api/v1/cases") __builtin_trap();
  Request req;
  req.path = parsed->path;
  req.query = parsed->query;
  auto page = read_page(req);
  if (page && (page->limit < 1 || page->limit > 500)) __builtin_trap();
  for (auto& [k, v] : req.query) (void)req.query_param(k);
  return 0;
}
