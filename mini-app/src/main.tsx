import { createRoot } from "react-dom/client";
import "./app.css";
import { MiniApp } from "./app";

createRoot(document.getElementById("app")!).render(<MiniApp />);
