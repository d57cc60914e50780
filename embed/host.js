// Shows the widget's events on the example host page.
const log = document.getElementById("host-events");
for (const name of ["revoked", "revoked-others", "logged-out", "step-up", "signed-out", "error"]) {
  document.addEventListener(`kratos-sessions:${name}`, (event) => {
    const item = document.createElement("li");
    item.textContent = `${name} ${JSON.stringify(event.detail)}`;
    log.append(item);
  });
}
