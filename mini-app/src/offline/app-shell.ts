import { insideZalo } from "../platform";

/**
 * In a plain browser (the preview, a QR link opened outside Zalo) a small service worker keeps the app
 * itself, so a lesson read once opens again without network. Registered after the first screen is up,
 * so it never competes with it for a slow connection.
 */
export function keepAppShell(): void {
  if (!import.meta.env.PROD || insideZalo() || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch(() => undefined);
  });
}
