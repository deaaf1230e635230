/**
 * A real SMTP server for the end-to-end run: the app delivers its email here over SMTP
 * (SMTP_URL=smtp://127.0.0.1:3225), and tests read what arrived over a small JSON endpoint:
 *
 *   GET http://127.0.0.1:3226/messages?to=iris.rossi@example.com  -> { items: [...] }, newest first
 *   GET http://127.0.0.1:3226/health                              -> 200 (Playwright waits for it)
 *
 * Started by Playwright as the first webServer, so it listens before the app sends anything.
 */
import { createServer } from 'node:http';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const SMTP_PORT = Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 3225);
const HTTP_PORT = Number(process.env.MAIL_CATCHER_HTTP_PORT ?? 3226);
const HOST = '127.0.0.1';

type CaughtMessage = {
  id: number;
  /** Every recipient address, lower-cased (envelope and To header). */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  receivedAt: string;
};

const messages: CaughtMessage[] = [];
let nextId = 1;

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((entry) => entry.value.map((address) => address.address?.toLowerCase() ?? '')).filter(Boolean);
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const envelope = session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase());
        messages.push({
          id: nextId++,
          to: [...new Set([...envelope, ...addresses(mail.to)])],
          from: mail.from?.text ?? '',
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          html: typeof mail.html === 'string' ? mail.html : '',
          receivedAt: new Date().toISOString(),
        });
        callback();
      })
      .catch((error: Error) => callback(error));
  },
});

const http = createServer((request, response) => {
  const url = new URL(request.url ?? '/', `http://${HOST}:${HTTP_PORT}`);
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(body));
  };
  if (request.method === 'GET' && url.pathname === '/health') return send(200, { status: 'ok', messages: messages.length });
  if (request.method === 'GET' && url.pathname === '/messages') {
    const to = url.searchParams.get('to')?.trim().toLowerCase();
    const items = (to ? messages.filter((message) => message.to.includes(to)) : messages).slice().reverse();
    return send(200, { items });
  }
  return send(404, { error: { code: 'not_found', message: 'Use GET /messages?to= or GET /health' } });
});

await new Promise<void>((resolve, reject) => {
  smtp.on('error', reject);
  smtp.listen(SMTP_PORT, HOST, () => resolve());
});
await new Promise<void>((resolve, reject) => {
  http.on('error', reject);
  http.listen(HTTP_PORT, HOST, () => resolve());
});
console.log(`Mail catcher: SMTP on ${HOST}:${SMTP_PORT}, messages on http://${HOST}:${HTTP_PORT}/messages`);

const stop = () => {
  http.close();
  smtp.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
