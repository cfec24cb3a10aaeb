// hoodiecrow-imap (the nodemailer author's IMAP server for client tests) ships no types: the parts the tests use.
declare module 'hoodiecrow-imap' {
  import type { Server } from 'node:net';

  interface HoodiecrowMessage {
    uid: number;
    flags: string[];
    raw: string;
  }
  interface HoodiecrowMailbox {
    uidvalidity: number;
    uidnext: number;
    messages: HoodiecrowMessage[];
  }
  interface HoodiecrowServer {
    server: Server;
    listen(port: number, callback?: () => void): void;
    close(callback?: () => void): void;
    getMailbox(path: string): HoodiecrowMailbox;
    appendMessage(mailbox: string, flags: string[], internaldate: Date, raw: string): { message: HoodiecrowMessage };
  }
  interface HoodiecrowOptions {
    plugins?: string[];
    users?: Record<string, { password: string }>;
    storage?: Record<string, { messages?: { raw: string; flags?: string[] }[] }>;
  }
  export default function hoodiecrow(options?: HoodiecrowOptions): HoodiecrowServer;
}
