// The console: one ES module, no build step. It signs in against /admin/v1/login, keeps the token in
// sessionStorage (gone when the tab closes) and renders each page from the admin API. Text from the
// API is only ever set as text, never as HTML.
const main = document.getElementById("main");
const statusLine = document.getElementById("status");
const state = { token: sessionStorage.getItem("token"), me: null, org: sessionStorage.getItem("org"), timer: null };
const REFRESH_MS = 5000;

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined && v !== false) el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
}

function say(text, kind = "") { statusLine.textContent = text; statusLine.className = "status " + kind; }

async function api(method, path, body) {
  const res = await fetch("/admin/v1" + path, {
    method, headers: { ...(state.token ? { Authorization: "Bearer " + state.token } : {}),
      ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined });
  if (res.status === 401 && path !== "/login") { signOut(); throw new Error("Your session has ended: sign in again"); }
  if (res.status === 204) return null;
  const type = res.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await res.json() : await res.text();
  if (!res.ok) throw new Error(data.error ? data.error.message : "HTTP " + res.status);
  return data;
}

const orgPath = () => "/organizations/" + encodeURIComponent(state.org);
const when = (t) => t ? new Date(t).toLocaleString() : "";
const field = (label, input) => h("label", {}, label, input);
const table = (heads, rows) => h("div", { class: "scroll" }, h("table", {},
  h("thead", {}, h("tr", {}, heads.map((t) => h("th", { scope: "col" }, t)))), h("tbody", {}, rows)));

function form(onsubmit, ...children) {
  return h("form", { onsubmit: async (e) => { e.preventDefault();
    try { await onsubmit(new FormData(e.target)); } catch (err) { say(err.message, "error"); } } }, ...children);
}

// --- sign in -------------------------------------------------------------------------------------
function signInPage() {
  document.getElementById("nav").hidden = true;
  document.getElementById("who").replaceChildren();
  main.replaceChildren(h("h1", {}, "Sign in"), form(async (f) => {
    const r = await api("POST", "/login", { name: f.get("name"), password: f.get("password") });
    state.token = r.data.token; sessionStorage.setItem("token", state.token);
    say("Signed in as " + r.data.name, "ok");
    location.hash = "#/overview"; await route();
  }, field("Name", h("input", { name: "name", autocomplete: "username", required: true })),
     field("Password", h("input", { name: "password", type: "password", autocomplete: "current-password", required: true })),
     h("button", { type: "submit" }, "Sign in")));
  main.querySelector("input").focus();
}

function signOut() {
  if (state.token) fetch("/admin/v1/logout", { method: "POST", headers: { Authorization: "Bearer " + state.token } });
  state.token = null; state.me = null; sessionStorage.removeItem("token");
  location.hash = "#/signin";
}

async function header() {
  if (!state.me) state.me = (await api("GET", "/me")).data;
  const orgs = (await api("GET", "/organizations")).data;
  if (!state.org || !orgs.some((o) => o.id === state.org)) state.org = orgs.length ? orgs[0].id : null;
  sessionStorage.setItem("org", state.org || "");
  const pick = h("select", { id: "org", onchange: (e) => { state.org = e.target.value; sessionStorage.setItem("org", state.org); route(); } },
    orgs.map((o) => h("option", { value: o.id, selected: o.id === state.org }, o.id)));
  document.getElementById("who").replaceChildren(field("Organization", pick),
    h("span", { class: "muted" }, state.me.name + (state.me.demo ? " (demo mode)" : "")),
    h("button", { class: "secondary", onclick: signOut }, "Sign out"));
  document.getElementById("nav").hidden = false;
  const current = location.hash.split("?")[0];
  for (const a of document.querySelectorAll("nav a")) {
    if (a.getAttribute("href") === current) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
}

// --- pages ---------------------------------------------------------------------------------------
async function overviewPage() {
  const d = (await api("GET", "/overview" + (state.me.organization ? "" : "?organization=" + encodeURIComponent(state.org)))).data;
  if (location.hash.split("?")[0] !== "#/overview") return; // a refresh that came back after the page changed
  const last = d.per_minute.slice(-5);
  const sum = (k) => last.reduce((n, m) => n + m[k], 0);
  main.replaceChildren(h("h1", {}, "Overview"), h("div", { class: "cards" },
    h("div", { class: "card" }, h("div", {}, "In, last 5 min"), h("div", { class: "big" }, sum("in"))),
    h("div", { class: "card" }, h("div", {}, "Out, last 5 min"), h("div", { class: "big", id: "out-5m" }, sum("out"))),
    h("div", { class: "card" }, h("div", {}, "Backlog (outbox)"), h("div", { class: "big", id: "backlog" }, d.backlog)),
    h("div", { class: "card" }, h("div", {}, "Send latency p50 / p95"),
      h("div", { class: "big" }, d.send_latency_ms.p50 === null ? "–" : d.send_latency_ms.p50 + " / " + d.send_latency_ms.p95 + " ms"))),
    h("h2", {}, "Messages per minute, last hour"), chart(d.per_minute),
    h("p", {}, h("span", { class: "legend-in" }, "■ in"), " ", h("span", { class: "legend-out" }, "■ out"),
      h("span", { class: "muted" }, " · updated " + new Date().toLocaleTimeString() + ", every " + REFRESH_MS / 1000 + " s")));
  // live: read again while the page is shown (route() stops it when the page changes)
  // (only while it is still the page shown: another page may have opened while this one was read)
  if (location.hash.split("?")[0] === "#/overview") {
    clearTimeout(state.timer);
    state.timer = setTimeout(() => { if (location.hash.split("?")[0] === "#/overview") overviewPage().catch((e) => say(e.message, "error")); }, REFRESH_MS);
  }
}

function chart(points) {
  const ns = "http://www.w3.org/2000/svg", w = 600, ht = 150;
  const max = Math.max(1, ...points.map((p) => Math.max(p.in, p.out)));
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${w} ${ht}`); svg.setAttribute("class", "chart"); svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `Messages per minute: latest ${points.length ? points[points.length - 1].in : 0} in, ${points.length ? points[points.length - 1].out : 0} out; peak ${max}`);
  for (const [key, colour] of [["in", "#0b57d0"], ["out", "#0d652d"]]) {
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute("fill", "none"); line.setAttribute("stroke", colour); line.setAttribute("stroke-width", "2");
    line.setAttribute("points", points.map((p, i) => `${(i / Math.max(1, points.length - 1)) * w},${ht - 5 - (p[key] / max) * (ht - 10)}`).join(" "));
    svg.append(line);
  }
  return svg;
}

async function organizationsPage() {
  const orgs = (await api("GET", "/organizations")).data;
  const ints = (await api("GET", orgPath() + "/integrations")).data;
  main.replaceChildren(h("h1", {}, "Organizations"),
    table(["Organization", "Domain", "Platform webhook", "Numbers"], orgs.map((o) => h("tr", {},
      h("td", {}, o.id), h("td", {}, o.domain), h("td", {}, o.platform["webhook-url"] || "stored only"), h("td", {}, o.numbers)))),
    h("h2", {}, "Integrations of " + state.org),
    table(["Integration", "Provider", "Webhook URL", "Circuit", "Last error", "Secrets set"], ints.map((i) => h("tr", {},
      h("td", {}, i.id), h("td", {}, i.provider), h("td", {}, h("code", {}, i["webhook-url"])),
      h("td", {}, h("span", { class: "pill " + (i.status.circuit === "open" ? "error" : "ok") }, i.status.circuit)),
      h("td", {}, i.status["last-error"] ? `${i.status["last-error"].code || ""} ${i.status["last-error"].reason || ""} (${when(i.status["last-error"].at)})` : "none"),
      h("td", {}, i["secrets-set"].join(", "))))));
}

async function numbersPage() {
  const [nums, ints, dir] = await Promise.all([api("GET", orgPath() + "/numbers"), api("GET", orgPath() + "/integrations"), api("GET", "/directory")]);
  const writable = dir.data.writable;
  const rows = nums.data.map((n) => h("tr", {},
    h("td", {}, n.number), h("td", {}, n["display-name"] || ""), h("td", {}, n.integration), h("td", {}, n.stickiness),
    h("td", {}, [n.header, n.footer].filter(Boolean).join(" / ")),
    h("td", {}, writable ? form(async (f) => {
      await api("PUT", orgPath() + "/numbers/" + encodeURIComponent(n.number) + "/users", { users: f.get("users").split(/[\s,]+/).filter(Boolean) });
      say("Users of " + n.number + " saved", "ok"); await numbersPage();
    }, field("Users of " + n.number, h("input", { name: "users", value: n.users.join(", ") })), h("button", { type: "submit" }, "Save users"))
      : n.users.join(", "))));
  main.replaceChildren(h("h1", {}, "Numbers"),
    writable ? "" : h("p", { class: "muted" }, "The directory comes from its file (directory.source=file): edit the file to change numbers."),
    table(["Number", "Name", "Integration", "Stickiness", "Header / footer", "Users"], rows),
    writable ? h("section", { id: "add-number" }, h("h2", {}, "Add a number"), form(async (f) => {
      const body = { number: f.get("number"), country: f.get("country"), integration: f.get("integration"),
        stickiness: f.get("stickiness"), users: f.get("users").split(/[\s,]+/).filter(Boolean) };
      for (const k of ["display-name", "header", "footer"]) if (f.get(k)) body[k] = f.get(k);
      const r = await api("POST", orgPath() + "/numbers", body);
      say("Number " + r.data.number + " added", "ok"); await numbersPage();
    }, field("Number", h("input", { name: "number", required: true, placeholder: "+15550100009 or (555) 010-0009" })),
       field("Country", h("input", { name: "country", value: "US", required: true, maxlength: 2 })),
       field("Integration", h("select", { name: "integration" }, ints.data.map((i) => h("option", { value: i.id }, i.id)))),
       field("Display name", h("input", { name: "display-name" })),
       field("Stickiness", h("input", { name: "stickiness", value: "1h" })),
       field("Header", h("input", { name: "header" })), field("Footer", h("input", { name: "footer" })),
       field("Users (extensions, comma separated)", h("input", { name: "users", required: true, placeholder: "101, 102" })),
       h("button", { type: "submit" }, "Add number"))) : "");
}

async function conversationsPage() {
  const params = new URLSearchParams(location.hash.split("?")[1] || "");
  const nums = (await api("GET", orgPath() + "/numbers")).data;
  const number = params.get("number") || (nums[0] && nums[0].number);
  const parts = [h("h1", {}, "Conversations"), form(async (f) => {
    location.hash = "#/conversations?number=" + encodeURIComponent(f.get("number")) + (f.get("contact") ? "&contact=" + encodeURIComponent(f.get("contact")) : "");
  }, field("Number", h("select", { name: "number" }, nums.map((n) => h("option", { value: n.number, selected: n.number === number }, n.number)))),
     field("Contact", h("input", { name: "contact", value: params.get("contact") || "" })), h("button", { type: "submit" }, "Show"))];
  if (number && !params.get("contact")) {
    const recent = (await api("GET", orgPath() + "/messages?limit=200&number=" + encodeURIComponent(number))).data;
    const contacts = [...new Set(recent.map((m) => m.contact))];
    parts.push(h("h2", {}, "Recent contacts of " + number), contacts.length ? h("ul", {}, contacts.map((c) => h("li", {},
      h("a", { href: "#/conversations?number=" + encodeURIComponent(number) + "&contact=" + encodeURIComponent(c) }, c)))) : h("p", {}, "No messages yet."));
  }
  if (number && params.get("contact")) {
    const c = (await api("GET", orgPath() + "/numbers/" + encodeURIComponent(number) + "/conversations/" + encodeURIComponent(params.get("contact")))).data;
    parts.push(h("h2", {}, c.contact + " ↔ " + c.number),
      h("p", { id: "session" }, c.session ? `Sticky session: ${c.session.user} until ${when(c.session.expires_at)}` : "No sticky session: replies go to every user on the number."),
      h("ol", { class: "thread", "aria-label": "Messages, oldest first" }, c.messages.map((m) => h("li", { class: m.direction },
        h("div", {}, m.content || (m.media_urls || []).join(" ")),
        h("div", { class: "muted" }, (m.direction === "outbound" ? "from " + m.sender_user : "to " + ((m.recipients || []).map((r) => r.extension || r).join(", "))),
          m.group_chat ? " · group chat" : "", " · " + m.status + " · " + when(m.created_at))))));
  }
  main.replaceChildren(...parts);
}

async function failuresPage() {
  const failed = (await api("GET", orgPath() + "/messages?status=failed&direction=outbound&limit=100")).data;
  main.replaceChildren(h("h1", {}, "Failures"), failed.length ? table(["When", "Number", "Contact", "Reason", "Carrier's answer", ""],
    failed.map((m) => h("tr", {}, h("td", {}, when(m.updated_at)), h("td", {}, m.number), h("td", {}, m.contact),
      h("td", {}, m.error_reason || ""), h("td", {}, m.error_code || ""),
      h("td", {}, h("button", { onclick: async () => { try { await api("POST", orgPath() + "/messages/" + m.id + "/retry");
        say("Message to " + m.contact + " queued again", "ok"); await failuresPage(); } catch (e) { say(e.message, "error"); } } }, "Retry")))))
    : h("p", {}, "No failed messages."));
}

async function keysPage() {
  const keys = (await api("GET", orgPath() + "/api-keys")).data;
  main.replaceChildren(h("h1", {}, "API keys"), h("div", { id: "new-key" }),
    table(["Prefix", "Label", "Created", "Last used", "State", ""], keys.map((k) => h("tr", {},
      h("td", {}, h("code", {}, k.prefix + "…")), h("td", {}, k.label || ""), h("td", {}, when(k.created_at)), h("td", {}, when(k.last_used_at) || "never"),
      h("td", {}, k.active ? "active" : "revoked " + when(k.revoked_at)),
      h("td", {}, k.active ? h("button", { class: "danger", "aria-label": "Revoke key " + k.prefix, onclick: async () => {
        try { await api("DELETE", orgPath() + "/api-keys/" + k.id); say("Key " + k.prefix + "… revoked", "ok"); await keysPage(); } catch (e) { say(e.message, "error"); } } }, "Revoke") : "")))),
    h("h2", {}, "Create a key"), form(async (f) => {
      const r = await api("POST", orgPath() + "/api-keys", { label: f.get("label") });
      await keysPage();
      document.getElementById("new-key").replaceChildren(h("p", {}, "New key (shown once, store it now): ", h("code", { class: "secret", id: "new-key-value" }, r.data.key)));
    }, field("Label", h("input", { name: "label" })), h("button", { type: "submit" }, "Create key")));
}

async function auditPage() {
  const q = state.me.organization ? "" : "?organization=" + encodeURIComponent(state.org);
  const entries = (await api("GET", "/audit" + q)).data;
  main.replaceChildren(h("h1", {}, "Audit log"), table(["When", "Who", "What", "Target", "Before", "After"], entries.map((e) => h("tr", {},
    h("td", {}, when(e.at)), h("td", {}, e.actor), h("td", {}, e.action), h("td", {}, e.target),
    h("td", {}, h("code", {}, e.before ? JSON.stringify(e.before) : "")), h("td", {}, h("code", {}, e.after ? JSON.stringify(e.after) : ""))))));
}

const pages = { "#/overview": overviewPage, "#/organizations": organizationsPage, "#/numbers": numbersPage,
  "#/conversations": conversationsPage, "#/failures": failuresPage, "#/keys": keysPage, "#/audit": auditPage };

async function route() {
  clearTimeout(state.timer);
  const page = pages[location.hash.split("?")[0]];
  if (!state.token || !page) { if (!state.token) return signInPage(); location.hash = "#/overview"; return; }
  try { await header(); await page(); document.title = main.querySelector("h1").textContent + " · sms-bridge"; }
  catch (e) { say(e.message, "error"); }
}

window.addEventListener("hashchange", () => { say(""); route(); });
route();
