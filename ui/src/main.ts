import { mount } from "svelte";
import "./app.css";
// Applies the saved theme before the first paint.
import "./lib/theme";
import App from "./App.svelte";
import { pickBackend } from "./lib/backend";

const target = document.getElementById("app");
if (!target) throw new Error("no #app element");

void pickBackend().then((backend) => mount(App, { target, props: { backend } }));
