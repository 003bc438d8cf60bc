// The entity box's suggestions as one types: the companies /api/entities finds for what is typed,
// as the options of the box's <datalist>. Only a help: without this script the box submits what is
// typed, and the search finds the company by its name, ticker or CIK all the same.
(function () {
  "use strict";
  const WAIT_MS = 150;

  function start() {
    const box = document.getElementById("entity");
    const list = box && document.getElementById(box.getAttribute("list"));
    if (!list || !window.fetch) return;
    let asked = "";
    let timer = null;

    async function suggest() {
      const typed = box.value.trim();
      if (typed === asked) return;
      asked = typed;
      if (!typed) {
        list.replaceChildren();
        return;
      }
      try {
        const answer = await fetch(box.dataset.suggest + "?q=" + encodeURIComponent(typed),
                                   {headers: {Accept: "application/json"}});
        if (!answer.ok || typed !== asked) return;
        const found = await answer.json();
        list.replaceChildren(...found.entities.map((entity) => {
          const option = document.createElement("option");
          option.value = entity.label;
          option.label = entity.documents === 1 ? "1 document" : entity.documents + " documents";
          return option;
        }));
      } catch (error) {
        // No suggestions this time (the server did not answer): the box still searches.
      }
    }

    box.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(suggest, WAIT_MS);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
