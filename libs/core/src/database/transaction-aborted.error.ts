/** Raised when COMMIT answers ROLLBACK: a statement of the transaction failed and was swallowed. */
export class TransactionAbortedError extends Error {
  constructor() {
    super('the transaction was aborted by an earlier failed statement and has been rolled back');
  }
}
