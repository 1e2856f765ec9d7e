// A creator's webhook receiver, on loopback, for the Worker under test to post to: it keeps what
// each named endpoint received (headers and the exact body) and answers as the name says:
// `fail-…` always 500, `flaky<N>-…` 500 for the first N deliveries then 204, anything else 204.
// Tests read `GET /received/<name>`.
import { createServer } from 'node:http';

export interface Received {
  headers: Record<string, string>;
  body: string;
}

export async function startWebhookSink(port: number) {
  const received = new Map<string, Received[]>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sink.invalid');
    const [, kind, name = ''] = url.pathname.split('/');
    if (req.method === 'GET' && kind === 'received') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify(received.get(name) ?? []));
    }
    let body = '';
    for await (const chunk of req) body += chunk;
    const kept = received.get(name) ?? [];
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    kept.push({ headers, body });
    received.set(name, kept);
    const flaky = /^flaky(\d+)-/.exec(name);
    const failing = name.startsWith('fail-') || (flaky !== null && kept.length <= Number(flaky[1]));
    res.writeHead(failing ? 500 : 204);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
