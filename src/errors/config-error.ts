/** A configuration value is missing or malformed. The message is one line naming the key. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    message: string,
    /** The environment key at fault, e.g. `LOG_LEVEL`. */
    readonly key: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
