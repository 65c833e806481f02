// TEST STAND-IN, not a ClickHouse server: chDB (the real ClickHouse engine, embedded) behind the
// few parts of ClickHouse's HTTP interface that @clickhouse/client uses: POST with the SQL in the
// body (query, command, exec) or in ?query= with the rows in the body (insert); settings and
// param_* in the URL; ?database=; GET /ping; errors as "Code: N. DB::Exception: …" with
// X-ClickHouse-Exception-Code. There is no ClickHouse server binary on this machine (none in
// Debian bookworm or on npm), and the outage test needs a ClickHouse the API reaches over the
// network so the network can be cut. Requests run one at a time (one chDB session).
//
//   node chdb-http-server.mjs <data dir>      prints "listening <port>" when ready
import http from 'node:http';
import { createChdbConnection } from 'chdb/connection';
import { isolateSessionSettings } from '../../../dist/analytics/chdbSettingsIsolation.js';

const dir = process.argv[2];
const connection = isolateSessionSettings(createChdbConnection({ path: dir }));
const NOT_SETTINGS = new Set(['query_id', 'database', 'query', 'session_id', 'role']);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
let database = 'default';
let queue = Promise.resolve();

async function handle(url, body) {
  const settings = {};
  const params = {};
  for (const [key, value] of url.searchParams) {
    if (key.startsWith('param_')) params[key.slice(6)] = value;
    else if (!NOT_SETTINGS.has(key)) settings[key] = /^\d+$/.test(value) ? Number(value) : value;
  }
  const wanted = url.searchParams.get('database') ?? 'default';
  if (!IDENTIFIER.test(wanted)) throw Object.assign(new Error(`bad database ${wanted}`), { code: '81' });
  if (wanted !== database) {
    await connection.command({ query: `USE ${wanted}` });
    database = wanted;
  }
  const insert = url.searchParams.get('query');
  if (insert) {
    await connection.insert({ query: insert, values: body, clickhouse_settings: settings, query_params: params });
    return '';
  }
  const result = await connection.exec({ query: body, clickhouse_settings: settings, query_params: params });
  const chunks = [];
  for await (const chunk of result.stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (req.method === 'GET' && url.pathname === '/ping') {
      res.end('Ok.\n');
      return;
    }
    const body = Buffer.concat(chunks).toString('utf8');
    queue = queue.then(async () => {
      try {
        const out = await handle(url, body);
        res.writeHead(200, { 'content-type': 'text/plain; charset=UTF-8' });
        res.end(out);
      } catch (error) {
        const code = String(error?.code ?? '1000');
        const message = error instanceof Error ? error.message : String(error);
        res.writeHead(500, { 'X-ClickHouse-Exception-Code': code, 'content-type': 'text/plain; charset=UTF-8' });
        res.end(/^Code: \d+/.test(message) ? message : `Code: ${code}. DB::Exception: ${message}`);
      }
    });
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => server.close(() => connection.close().then(() => process.exit(0))));
