// The web UI is inside the executable (API.md, "Limits, proxies and the web UI"): `enlace
// serve` answers `/` with no flag, precompressed, with strong ETags, long-lived caching for
// hashed assets and none for the HTML; --web-root overrides it.
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using enlace::test::ServerOptions;
using enlace::test::ServerProcess;

namespace fs = std::filesystem;

namespace {
class WebUiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server = new ServerProcess(); }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static ServerProcess* server;
};
ServerProcess* WebUiTest::server = nullptr;

fs::path dist() { return fs::path(ENLACE_SOURCE_DIR) / "web/dist"; }

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The first script the built index.html loads ("/assets/index-1a2b.js"), or "".
std::string first_asset(const std::string& html) {
  std::smatch m;
  if (std::regex_search(html, m, std::regex("src=\"(/assets/[^\"]+\\.js)\""))) return m[1];
  return "";
}
}  // namespace

TEST_F(WebUiTest, RootServesTheBuiltInUiWithNoFlagAndIsNeverStored) {
  auto r = server->get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.header("cache-control"), "no-store");
  EXPECT_NE(r.body.find("<html"), std::string::npos);
  EXPECT_FALSE(r.header("etag").empty());
  // The executable carries the UI built from this tree's web/dist, byte for byte.
  if (fs::exists(dist() / "index.html")) {
    EXPECT_EQ(r.body, read(dist() / "index.html"));
  }
}

TEST_F(WebUiTest, HashedAssetsArePrecompressedAndCachedForAYear) {
  if (!fs::exists(dist() / "index.html")) GTEST_SKIP() << "no web/dist: the UI was not built";
  std::string asset = first_asset(read(dist() / "index.html"));
  ASSERT_FALSE(asset.empty());
  std::string plain = read(dist() / asset.substr(1));

  auto identity = server->send({"GET", asset, {}, ""});
  ASSERT_EQ(identity.status, 200);
  EXPECT_EQ(identity.body, plain);
  EXPECT_TRUE(identity.header("content-encoding").empty());
  EXPECT_EQ(identity.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(identity.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(identity.header("vary"), "Accept-Encoding");

  auto br = server->send({"GET", asset, {{"Accept-Encoding", "gzip, deflate, br"}}, ""});
  ASSERT_EQ(br.status, 200);
  EXPECT_EQ(br.header("content-encoding"), "br");
  EXPECT_LT(br.body.size(), plain.size() / 2);
  auto gz = server->send({"GET", asset, {{"Accept-Encoding", "gzip"}}, ""});
  EXPECT_EQ(gz.header("content-encoding"), "gzip");
  ASSERT_GE(gz.body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(gz.body[0]), 0x1f);  // gzip's magic bytes
  EXPECT_EQ(static_cast<unsigned char>(gz.body[1]), 0x8b);

  // Each encoding is its own representation with its own strong ETag.
  std::string tags[] = {identity.header("etag"), br.header("etag"), gz.header("etag")};
  for (const auto& t : tags) EXPECT_TRUE(t.size() > 2 && t.front() == '"' && t.rfind("W/", 0) != 0) << t;
  EXPECT_NE(tags[0], tags[1]);
  EXPECT_NE(tags[1], tags[2]);

  auto again = server->send({"GET", asset, {{"Accept-Encoding", "br"}, {"If-None-Match", tags[1]}}, ""});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("etag"), tags[1]);
  auto other = server->send({"GET", asset, {{"Accept-Encoding", "gzip"}, {"If-None-Match", tags[1]}}, ""});
  EXPECT_EQ(other.status, 200);
}

TEST_F(WebUiTest, UnknownFilesAndBuildMetadataAre404) {
  EXPECT_EQ(server->get("/assets/no-such-file.js").status, 404);
  EXPECT_EQ(server->get("/.vite/manifest.json").status, 404);
  EXPECT_EQ(server->get("/../etc/passwd").status, 404);
}

TEST_F(WebUiTest, WebRootOverridesTheBuiltInUi) {
  fs::path root = fs::temp_directory_path() / ("enlace-web-root-" + std::to_string(::getpid()));
  fs::create_directories(root);
  std::ofstream(root / "index.html") << "<!doctype html><html><title>override</title></html>";
  ServerOptions o;
  o.extra_args = {"--web-root", root.string()};
  ServerProcess other(o);
  auto r = other.get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("override"), std::string::npos);
  EXPECT_EQ(r.header("cache-control"), "no-store");
  fs::remove_all(root);
}

// The installable app (issue #18): the service worker and the web app manifest are inside the
// executable, with the types browsers require; the worker is revalidated on every visit so a new
// release reaches phones, and the CSP lets the page register it and read the manifest.
TEST_F(WebUiTest, ServiceWorkerAndManifestAreServedForTheInstallableApp) {
  if (!fs::exists(dist() / "index.html")) GTEST_SKIP() << "no web/dist: the UI was not built";
  auto sw = server->get("/sw.js");
  ASSERT_EQ(sw.status, 200);
  EXPECT_EQ(sw.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(sw.header("cache-control"), "no-cache");
  EXPECT_EQ(sw.body, read(dist() / "sw.js"));
  // It precaches the app shell and never an API reply (those carry personal data).
  EXPECT_NE(sw.body.find("index.html"), std::string::npos);
  EXPECT_EQ(sw.body.find("url:\"api/"), std::string::npos);
  EXPECT_EQ(sw.body.find("url:\"/api/"), std::string::npos);

  auto manifest = server->get("/manifest.webmanifest");
  ASSERT_EQ(manifest.status, 200);
  EXPECT_EQ(manifest.header("content-type"), "application/manifest+json");
  EXPECT_NE(manifest.body.find("\"start_url\":\"/\""), std::string::npos);
  EXPECT_NE(manifest.body.find("\"display\":\"standalone\""), std::string::npos);
  EXPECT_EQ(server->get("/icon-192.png").header("content-type"), "image/png");
  EXPECT_EQ(server->get("/icon-512.png").status, 200);

  auto root = server->get("/");
  EXPECT_NE(root.body.find("rel=\"manifest\" href=\"/manifest.webmanifest\""), std::string::npos);
  std::string csp = root.header("content-security-policy");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("worker-src"), std::string::npos) << csp;   // falls back to 'self'
  EXPECT_EQ(csp.find("manifest-src"), std::string::npos) << csp;  // falls back to 'self'
}
