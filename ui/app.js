// Plain script (CSP forbids inline ones). Article data is untrusted text:
// it only ever goes into textContent, never innerHTML.
"use strict";

const $ = (id) => document.getElementById(id);

function invoke(cmd, args) {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core) {
    return Promise.reject({ code: "no_ipc", message: "Tauri IPC is not available." });
  }
  return tauri.core.invoke(cmd, args);
}

function showError(err) {
  const el = $("error");
  el.textContent = (err && err.message) || String(err);
  el.hidden = false;
}

function meta(parts) {
  return parts.filter(Boolean).join(" · ");
}

function renderList(articles) {
  const list = $("articles");
  list.replaceChildren();
  for (const a of articles) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.id = a.id;
    const title = document.createElement("span");
    title.className = "title";
    title.textContent = a.title || "(untitled)";
    const info = document.createElement("span");
    info.className = "meta";
    info.textContent = meta([a.source, a.language, a.published_at]);
    button.append(title, info);
    button.addEventListener("click", () => openArticle(a.id, button));
    li.append(button);
    list.append(li);
  }
}

async function openArticle(id, button) {
  $("error").hidden = true;
  for (const b of document.querySelectorAll(".articles button.selected")) {
    b.classList.remove("selected");
  }
  button.classList.add("selected");
  try {
    const a = await invoke("article", { id });
    $("reader-title").textContent = a.title;
    $("reader-meta").textContent = meta([a.source, a.author, a.language, a.published_at, a.url]);
    $("reader-body").textContent = a.body;
    $("placeholder").hidden = true;
    $("reader").hidden = false;
    $("reader").scrollTop = 0;
  } catch (err) {
    showError(err);
  }
}

async function start() {
  try {
    const o = await invoke("library_overview");
    const n = o.articleCount;
    $("status").textContent = `${n} ${n === 1 ? "article" : "articles"} — ${o.path}`;
    renderList(o.articles);
  } catch (err) {
    $("status").textContent = "The library could not be opened.";
    $("placeholder").hidden = true;
    showError(err);
  }
}

start();
