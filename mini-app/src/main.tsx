import { createRoot } from "react-dom/client";
import "./app.css";
import { MiniApp } from "./app";
import { keepAppShell } from "./offline/app-shell";

createRoot(document.getElementById("app")!).render(<MiniApp />);
keepAppShell();
