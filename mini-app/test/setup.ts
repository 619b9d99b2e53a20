import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// jsdom has no Element.prototype.scrollTo; zmp-ui's <Page> calls it.
if (!Element.prototype.scrollTo) Element.prototype.scrollTo = function scrollTo() {};
afterEach(() => cleanup());
