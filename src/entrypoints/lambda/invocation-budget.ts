/**
 * The time left in the invocation being served, for work that must stop before Lambda ends it (a render):
 * a function killed at its timeout fails its whole batch, and the batch comes back to fail again.
 */
let deadline: number | undefined;

export function startInvocation(context: { getRemainingTimeInMillis(): number } | undefined): void {
  deadline = context === undefined ? undefined : Date.now() + context.getRemainingTimeInMillis();
}

export function remainingBudgetMs(): number | undefined {
  return deadline === undefined ? undefined : deadline - Date.now();
}
