// The test side of the mail capture: waits for a message to an address and reads it.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CapturedMail } from './smtp';

export class Mailbox {
  constructor(private readonly dir: string) {}

  async messagesTo(address: string): Promise<CapturedMail[]> {
    const files = (await readdir(this.dir)).filter((name) => name.endsWith('.json')).sort();
    const mails = await Promise.all(
      files.map(async (name) => JSON.parse(await readFile(join(this.dir, name), 'utf8')) as CapturedMail),
    );
    return mails.filter((mail) => mail.to.includes(address.toLowerCase()));
  }

  /** The newest message to `address` received after `since`, waiting up to `timeoutMs` for it. */
  async waitForMail(address: string, { since = 0, timeoutMs = 30_000 } = {}): Promise<CapturedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mails = (await this.messagesTo(address)).filter((mail) => mail.receivedAt >= since);
      const newest = mails.at(-1);
      if (newest !== undefined) return newest;
      if (Date.now() > deadline) throw new Error(`No mail to ${address} arrived within ${String(timeoutMs)} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** R3: the 6-digit confirmation code of the newest message to `address`. */
  async waitForCode(address: string, options: { since?: number; timeoutMs?: number } = {}): Promise<string> {
    const mail = await this.waitForMail(address, options);
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
    if (code === undefined) throw new Error(`The mail to ${address} holds no 6-digit code:\n${mail.text}`);
    return code;
  }
}
