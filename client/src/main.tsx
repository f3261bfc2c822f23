import { render } from "solid-js/web";
import { App } from "./app.tsx";
import { initTheme } from "./lib/theme.ts";
import "./styles.css";

initTheme();
const root = document.getElementById("root");
if (root) render(() => <App baseUrl={window.location.origin} />, root);
