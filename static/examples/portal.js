// The portal's side of the embedding, consuming the npm package the way a
// portal does (here served at /pkg/; a bundler would say "hotspot-users-console").
import { mount } from "/pkg/index.js";

// A real portal's token provider returns
// the signed-in admin's IAM token from its own session (for example from
// its backend); this example returns the sandbox's demo token.
window.portalSession = { token: "demo-token", tokenRequests: 0 };
const tokenProvider = async () => {
  window.portalSession.tokenRequests += 1;
  return window.portalSession.token;
};

// 1. A custom element: attributes for the connection, a property for the token.
document.getElementById("large").tokenProvider = tokenProvider;

// 2. The mount API, for a portal that creates the console itself.
window.smallConsole = mount(document.getElementById("small"), {
  projectId: "0b5e3f9a6c2d4e71a8f9b0c1d2e3f405",
  configId: "1c9e4b7a2f6d4e83b5a0c7d2e9f31a64",
  region: "cn-north-4",
  lang: "zh-CN",
  tokenProvider,
});

// Events bubble out of the console (and out of its shadow root).
for (const name of ["hotspot-users:applied", "hotspot-users:error", "hotspot-users:token-required", "hotspot-users:config-saved"]) {
  document.addEventListener(name, (event) => {
    const item = document.createElement("li");
    const source = event.target.id || event.target.parentElement?.id || "console";
    item.textContent = `${name} from #${source}: ${JSON.stringify(event.detail)}`;
    document.getElementById("events").append(item);
  });
}
