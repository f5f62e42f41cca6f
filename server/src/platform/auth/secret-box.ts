import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The server's own secret, for data it must keep but never show: second-factor secrets are
 * encrypted with AES-256-GCM, and short one-time codes are stored as keyed HMACs (a plain hash of
 * a six-digit code is reversed by trying all million of them).
 */
export interface SecretBox {
  /** Encrypts `plain`; `context` (e.g. the user id) must be given again to open it. */
  seal(plain: string, context: string): string;
  /** Decrypts what `seal` made with the same context; throws when it was altered or moved. */
  open(sealed: string, context: string): string;
  /** A keyed hash (hex) of `value` for `purpose`; the same inputs always give the same digest. */
  digest(purpose: string, value: string): string;
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_FILE = "secret.key";
/** OTMETKA_SECRET shorter than this is refused: it would be guessable. */
const MIN_SECRET_LENGTH = 32;

/**
 * Builds the box from OTMETKA_SECRET, or from `${dataDir}/secret.key`, creating that file
 * (32 random bytes, mode 0600) the first time.
 */
export function openSecretBox(options: { secret: string | undefined; dataDir: string }): SecretBox {
  const master = options.secret !== undefined ? fromEnvironment(options.secret) : fromKeyFile(options.dataDir);
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `otmetka ${info}`, 32));
  const encryptionKey = derive("encryption");
  const digestKey = derive("digest");

  return {
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", encryptionKey, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
    },
    open(sealed, context) {
      const [version, payload] = sealed.split(".");
      if (version !== VERSION || !payload) throw new Error("Not a sealed value of this server");
      const raw = Buffer.from(payload, "base64url");
      const decipher = createDecipheriv("aes-256-gcm", encryptionKey, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
    },
    digest(purpose, value) {
      return createHmac("sha256", digestKey).update(`${purpose}\n${value}`).digest("hex");
    },
  };
}

/** Compares two hex digests in constant time. */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

function fromEnvironment(secret: string): Buffer {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`OTMETKA_SECRET must be at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 32\`)`);
  }
  return Buffer.from(secret, "utf8");
}

function fromKeyFile(dataDir: string): Buffer {
  const path = join(dataDir, SECRET_KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    // "wx": only the first start creates the key; a concurrent start reads the winner's file.
    writeFileSync(path, `${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  chmodSync(path, 0o600);
  const key = Buffer.from(readFileSync(path, "utf8").trim(), "base64");
  if (key.length !== 32)
    throw new Error(
      `${path} does not hold a 32-byte base64 key; restore it from a backup or delete it (existing second factors will stop working)`,
    );
  return key;
}
