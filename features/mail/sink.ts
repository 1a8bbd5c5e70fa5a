import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";

export interface SinkMessage {
  id: string;
  receivedAt: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  /** The HTML part, when the message has one (messages in a right-to-left language). */
  html?: string;
  language?: string;
}

/**
 * A real SMTP server for development and tests: it accepts everything and keeps each message as an
 * `.eml` file in `dir`, where `/admin/mail` and `npm run mail` read them.
 */
export async function startMailSink(dir: string, port = 0): Promise<{ url: string; port: number; close(): Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  let counter = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const name = `${Date.now().toString().padStart(15, "0")}-${process.pid}-${String(counter++).padStart(6, "0")}.eml`;
        writeFileSync(path.join(dir, name), Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Newest first. */
export async function readSink(dir: string, limit = 100): Promise<SinkMessage[]> {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith(".eml"))
      .sort()
      .reverse()
      .slice(0, limit);
  } catch {
    return [];
  }
  // mailparser is loaded when the caught mail is first read, not at every start (ADR 0025).
  const { simpleParser } = await import("mailparser");
  return Promise.all(
    names.map(async (name) => {
      const parsed = await simpleParser(readFileSync(path.join(dir, name)));
      const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(", ") : (parsed.to?.text ?? "");
      return {
        id: name.replace(/\.eml$/, ""),
        receivedAt: (parsed.date ?? new Date(Number(name.split("-")[0]))).toISOString(),
        from: parsed.from?.text ?? "",
        to,
        subject: parsed.subject ?? "",
        text: parsed.text ?? "",
        html: parsed.html || undefined,
        language: parsed.headers.get("content-language")?.toString(),
      };
    }),
  );
}
