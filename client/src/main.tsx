import { render } from "solid-js/web";
import { App } from "./app.tsx";
import { initTheme } from "./lib/theme.ts";
// Cascade order matters: theme, shell, controls, components, phone overrides, then page styles.
import "./styles/theme.css";
import "./styles/shell.css";
import "./styles/controls.css";
import "./styles/components.css";
import "./styles/phones.css";
import "./styles/pages.css";
import "./styles/views.css";

initTheme();
const root = document.getElementById("root");
if (root) render(() => <App baseUrl={window.location.origin} />, root);
