/** Why the last action failed, announced to screen readers; nothing when it did not. */
export function ErrorNote({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {error}
    </p>
  );
}
