import "@mantine/core/styles.css";
import "./app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { initI18n } from "../lib/i18n.ts";
import { App } from "./App.tsx";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

await initI18n();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
