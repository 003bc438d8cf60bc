// Progressive enhancement of a document page: keys "n" and "p" step to the next and previous match,
// as the arrow links after each match do without JavaScript.
document.addEventListener("keydown", (event) => {
  const count = document.querySelectorAll("mark[id^='m']").length;
  if (!count || !["n", "p"].includes(event.key) || event.ctrlKey || event.metaKey || event.altKey
      || event.target.closest("input, textarea")) return;
  const current = Math.max(Number(location.hash.slice(2)) || 0, event.key === "p" ? 1 : 0);
  location.hash = "m" + (event.key === "n" ? current % count + 1 : (current + count - 2) % count + 1);
});
