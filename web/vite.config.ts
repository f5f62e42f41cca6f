import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The API server in development; in production it serves web/dist itself on the same port. */
const API_TARGET = "http://127.0.0.1:3000";
const proxy = {
  "/api": { target: API_TARGET },
  "/ims": { target: API_TARGET },
};

export default defineConfig({
  root: decodeURIComponent(new URL(".", import.meta.url).pathname),
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    rolldownOptions: {
      output: {
        // Libraries every page needs share one long-cached chunk, and the rest of node_modules
        // that the first page loads (Mantine's shell components) another. Everything else keeps
        // the default split, so a lazy page's modals, selects and tables load with that page.
        codeSplitting: {
          groups: [
            {
              name: "framework",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|i18next|react-i18next|zod)[\\/]/,
              priority: 2,
            },
            { name: "ui", test: /node_modules[\\/]/, tags: ["$initial"], priority: 1 },
          ],
        },
      },
    },
  },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
});
