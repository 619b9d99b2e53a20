import pino, { type Logger } from "pino";

/** Structured JSON logs. Secrets are never logged on purpose; these paths are a second guard. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "kynangso" },
      // Log errors as `{ err }`: an Error becomes its type, message and stack (pino's default, made explicit).
      serializers: { err: pino.stdSerializers.err },
      redact: {
        paths: ["access_token", "refresh_token", "secret_key", "*.access_token", "*.refresh_token", "*.secret_key", "headers.access_token", "headers.secret_key"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
