import { errorText } from "./error-text";

/** A failed load: the reason in plain Vietnamese and one big "Thử lại" button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{errorText(error)}</p>
      <button type="button" className="btn btn-primary" onClick={onRetry}>
        Thử lại
      </button>
    </div>
  );
}
