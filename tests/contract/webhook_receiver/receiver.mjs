// A webhook receiver for the integration tests (tests/support/webhook_receiver.hpp starts it).
// It checks each delivery's signature with `standardwebhooks`, the Standard Webhooks scheme's
// own library (an implementation independent of Enlace's), and records what it got.
//
//   POST /hook/NAME                 a delivery; answered with NAME's status (default 200)
//   PUT  /control/NAME/secret       body: the webhook's secret ("whsec_...")
//   PUT  /control/NAME/status       body: the status to answer from now on (e.g. 500)
//   GET  /control/received          every delivery so far, oldest first, as JSON
//
// Prints "listening PORT" once it listens on 127.0.0.1.
import http from 'node:http';
import { Webhook } from 'standardwebhooks';

const secrets = new Map();
const statuses = new Map();
const received = [];

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const server = http.createServer(async (req, res) => {
  const body = await readBody(req);
  const parts = req.url.split('/').filter(Boolean);
  if (req.method === 'POST' && parts[0] === 'hook' && parts.length === 2) {
    const name = parts[1];
    const status = statuses.get(name) ?? 200;
    let verified = false;
    let error = null;
    try {
      new Webhook(secrets.get(name) ?? 'whsec_').verify(body, req.headers);
      verified = true;
    } catch (e) {
      error = String(e.message ?? e);
    }
    received.push({
      name,
      id: req.headers['webhook-id'] ?? null,
      timestamp: req.headers['webhook-timestamp'] ?? null,
      signature: req.headers['webhook-signature'] ?? null,
      content_type: req.headers['content-type'] ?? null,
      verified,
      error,
      answered: status,
      body,
    });
    const text = status >= 200 && status < 300 ? 'ok' : 'not now';
    res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  if (req.method === 'PUT' && parts[0] === 'control' && parts.length === 3) {
    if (parts[2] === 'secret') secrets.set(parts[1], body.trim());
    else if (parts[2] === 'status') statuses.set(parts[1], Number(body.trim()));
    else {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(204).end();
    return;
  }
  if (req.method === 'GET' && req.url === '/control/received') {
    // A length rather than chunks: the test's HTTP client reads bodies by Content-Length.
    const text = JSON.stringify(received);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  res.writeHead(404).end();
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
