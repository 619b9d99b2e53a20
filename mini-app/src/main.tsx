import { createRoot } from "react-dom/client";
import "./app.css";
import { MiniApp } from "./app";
import { keepAppShell } from "./offline/app-shell";

// Inside Zalo no index.html is loaded (only the listed scripts), so the page language is set here.
document.documentElement.lang = "vi";
createRoot(document.getElementById("app")!).render(<MiniApp />);
keepAppShell();
