/** A configuration value is missing or malformed. The message is one line naming the key. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    message: string,
    readonly key: string,
  ) {
    super(message);
  }
}
