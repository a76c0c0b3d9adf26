// Every reply the integration suites receive is checked against the server's own OpenAPI
// document (/api/v1/openapi.json) by a JSON Schema validator: tests/support/openapi_validate.py
// (python3-jsonschema), one process per test binary, fed over a pipe. A reply that does not
// conform fails the test that received it (ADD_FAILURE with method, path, status and the
// validator's message). ENLACE_TEST_OPENAPI_CHECK_OFF (to measure its cost; CI never sets it)
// turns it off, loudly.
#pragma once

#include "server_process.hpp"

#include <string>

namespace enlace::test {

// `document`: the text of the server's openapi.json; empty when it could not be fetched
// (then the check fails the test: every server serves one).
// A port that is not an enlace server (the webhook receiver, a third-party implementation
// under test control): replies from it are not the API's and are not checked. Named, so that
// nothing else can turn the check off.
void not_an_enlace_server(int port);
bool is_enlace_server(int port);

void check_reply_against_openapi(const std::string& document, const HttpRequest& req,
                                 const HttpResponse& res);

}  // namespace enlace::test
