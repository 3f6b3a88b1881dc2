/**
 * Thrown when `VECTOR_STORE=pgvector` and the database cannot be used: refused or timed-out
 * connection, wrong password, no such database, no pgvector extension. Like a model that cannot be
 * loaded, it is not fatal where keyword search can answer alone: the build keeps its keyword index
 * (and the vectors it computed, for next time), the bot answers keyword-only, and both say so. The
 * message names the database without its password.
 */
export class VectorDatabaseUnavailableError extends Error {
  override name = "VectorDatabaseUnavailableError";

  constructor(
    /** The database as it may be shown (no credentials). */
    readonly database: string,
    /** Why, in a few words (`connect ECONNREFUSED 127.0.0.1:5432`). */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`The vector database ${database} cannot be used: ${reason}`, options);
  }
}
