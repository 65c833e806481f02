/**
 * Real receivers for what the platform sends: an SMTP server (smtp-server) whose mailbox the test
 * reads (mailparser), and an HTTP webhook receiver that verifies the Standard Webhooks signature
 * and refuses a replayed delivery, as an integrator's would.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { verifyWebhook } from '../../api/webhooks/envelope.js';

export interface Mailbox {
  url: string;
  mails: ParsedMail[];
  close(): Promise<void>;
}

export async function startMailbox(): Promise<Mailbox> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedHook {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered: 204 accepted, 401 bad signature, 409 replay. */
  status: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  /** The secret to verify with (set once the subscription is made). */
  secret: string;
  /** Answer the next n deliveries with 500 (to exercise retries). */
  failNext: number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(
  nowSeconds: () => number = () => Date.now() / 1000,
): Promise<WebhookReceiver> {
  const seen = new Set<string>();
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    secret: '',
    failNext: 0,
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const id = String(req.headers['webhook-id'] ?? '');
      const ok = verifyWebhook(
        receiver.secret,
        {
          id,
          timestamp: String(req.headers['webhook-timestamp'] ?? ''),
          signature: String(req.headers['webhook-signature'] ?? ''),
        },
        body,
        Math.floor(nowSeconds()),
      );
      let status = !ok ? 401 : seen.has(id) ? 409 : 204;
      if (status === 204 && receiver.failNext > 0) {
        receiver.failNext--;
        status = 500;
      }
      if (status === 204) seen.add(id);
      receiver.received.push({ headers: req.headers, body, status });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

/** Sends a captured delivery again, byte for byte, as an attacker replaying it would. */
export async function replay(url: string, hook: ReceivedHook): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': String(hook.headers['webhook-id']),
      'webhook-timestamp': String(hook.headers['webhook-timestamp']),
      'webhook-signature': String(hook.headers['webhook-signature']),
    },
    body: hook.body,
  });
  return res.status;
}
