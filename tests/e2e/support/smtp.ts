// A real SMTP server on 127.0.0.1 that keeps every message it receives as a JSON file, so that the
// test workers (other processes) can read them.
import { randomUUID } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  receivedAt: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
}

export interface MailCapture {
  port: number;
  close: () => Promise<void>;
}

export async function startMailCapture(mailDir: string): Promise<MailCapture> {
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const mail: CapturedMail = {
            receivedAt: Date.now(),
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? (typeof parsed.html === 'string' ? parsed.html : ''),
          };
          // Written under another name, then renamed: a reader never sees half a message.
          const name = join(mailDir, `${String(mail.receivedAt)}-${randomUUID()}`);
          await writeFile(`${name}.partial`, JSON.stringify(mail));
          await rename(`${name}.partial`, `${name}.json`);
          callback();
        })
        .catch((error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)));
        });
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    const listener = server.listen(0, '127.0.0.1', () => {
      resolve((listener.address() as AddressInfo).port);
    });
    listener.once('error', reject);
  });

  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
