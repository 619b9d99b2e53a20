import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// jsdom has no Element.prototype.scrollTo; zmp-ui's <Page> calls it.
if (!Element.prototype.scrollTo) Element.prototype.scrollTo = function scrollTo() {};

afterEach(async () => {
  cleanup();
  // Let background work of the unmounted app (sign-in, outbox) settle before the next test's fetch.
  await new Promise((r) => setTimeout(r, 0));
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  window.localStorage.clear();
  document.documentElement.style.fontSize = "";
  window.history.replaceState(null, "", "/");
});
