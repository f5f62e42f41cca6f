import { appendFile, mkdir } from "node:fs/promises";
import { join } from "node:path";

export interface SmsSender {
  /** `to` is an E.164 Russian mobile number. */
  send(to: string, text: string): Promise<void>;
}

/**
 * An HTTP gateway adapter when SMS_GATEWAY_URL is set (POST JSON `{ to, text }` with a bearer
 * token, the shape most Russian gateways accept behind a thin proxy); otherwise messages are
 * appended to data/sms/<number>.txt.
 */
export function createSmsSender(options: { gatewayUrl: string | undefined; token: string | undefined; dataDir: string }): SmsSender {
  if (options.gatewayUrl) {
    const url = options.gatewayUrl;
    return {
      async send(to, text) {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
          body: JSON.stringify({ to, text }),
          signal: AbortSignal.timeout(10_000),
        });
        if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
      },
    };
  }
  const dir = join(options.dataDir, "sms");
  return {
    async send(to, text) {
      await mkdir(dir, { recursive: true });
      await appendFile(join(dir, `${to.replace(/[^0-9+]/g, "")}.txt`), `${new Date().toISOString()}\t${text}\n`);
    },
  };
}
