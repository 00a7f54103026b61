// calmdesk console: SLA countdowns, the reply coach's one-click wording, the pause timer,
// and the dashboard's data blocks. No inline scripts anywhere: everything reads data- attributes.
(function () {
  "use strict";

  function leftText(due, now) {
    var seconds = Math.round((due - now) / 1000);
    var abs = Math.abs(seconds);
    var hours = Math.floor(abs / 3600);
    var minutes = Math.floor((abs % 3600) / 60);
    var secs = abs % 60;
    var amount;
    if (hours >= 48) {
      amount = Math.floor(hours / 24) + " d";
    } else if (hours) {
      amount = hours + " h " + minutes + " min";
    } else if (minutes >= 10) {
      amount = minutes + " min";
    } else {
      amount = minutes + " min " + secs + " s";
    }
    return seconds >= 0 ? "in " + amount : amount + " ago";
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll("time[data-countdown]").forEach(function (element) {
      var due = Date.parse(element.getAttribute("datetime"));
      if (!isNaN(due)) {
        element.textContent = leftText(due, now);
        var clock = element.closest(".clock");
        if (clock && due <= now && !clock.classList.contains("clock--breached")) {
          clock.classList.remove("clock--running", "clock--at_risk");
          clock.classList.add("clock--breached");
          var state = clock.querySelector(".clock-state");
          if (state) {
            state.textContent = "Breached";
          }
        }
      }
    });
  }
  window.setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", tick);

  function draftBox() {
    return document.getElementById("reply-body");
  }

  function changed(box) {
    box.focus();
    // The coach listens for input events: tell it the draft changed.
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function insertText(box, text) {
    var start = box.selectionStart === undefined ? box.value.length : box.selectionStart;
    var end = box.selectionEnd === undefined ? box.value.length : box.selectionEnd;
    if (document.activeElement !== box) {
      start = end = box.value.length;
    }
    var before = box.value.slice(0, start);
    var after = box.value.slice(end);
    var glue = before && !/\s$/.test(before) ? (before.length ? "\n\n" : "") : "";
    box.value = before + glue + text + after;
    var caret = (before + glue + text).length;
    box.setSelectionRange(caret, caret);
    changed(box);
  }

  function replaceText(box, phrase, wording) {
    var at = box.value.indexOf(phrase);
    if (at < 0) {
      insertText(box, wording);
      return;
    }
    var after = box.value.slice(at + phrase.length);
    if (/[.!?]$/.test(wording) && /^[.!?]/.test(after)) {
      after = after.slice(1); // "Calm down." -> "I can hear … been." not "been.."
    }
    box.value = box.value.slice(0, at) + wording + after;
    box.setSelectionRange(at + wording.length, at + wording.length);
    changed(box);
  }

  var pauseTimer = null;

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) {
      return;
    }
    var box = draftBox();
    var insert = target.closest("[data-insert]");
    if (insert && box) {
      event.preventDefault();
      insertText(box, insert.getAttribute("data-insert"));
      return;
    }
    var replace = target.closest("[data-replace]");
    if (replace && box) {
      event.preventDefault();
      replaceText(box, replace.getAttribute("data-replace"), replace.getAttribute("data-with"));
      return;
    }
    var pause = target.closest("[data-pause]");
    if (pause) {
      event.preventDefault();
      var left = parseInt(pause.getAttribute("data-pause"), 10) || 60;
      var shown = document.getElementById(pause.getAttribute("aria-controls"));
      window.clearInterval(pauseTimer);
      var step = function () {
        if (shown) {
          shown.textContent = left > 0 ? "Breathe out slowly… " + left + " s" : "Ready when you are.";
        }
        left -= 1;
        if (left < 0) {
          window.clearInterval(pauseTimer);
        }
      };
      step();
      pauseTimer = window.setInterval(step, 1000);
    }
  });

  // Dashboard charts: Chart.js is loaded only on pages that have a canvas[data-chart].
  var PALETTE = {
    ok: "#15803d",
    bad: "#b91c1c",
    warn: "#b45309",
    accent: "#1d4ed8",
    neutral: "#94a3b8"
  };
  var chartLoading = null;

  function loadChartJs() {
    if (window.Chart) {
      return Promise.resolve(window.Chart);
    }
    if (!chartLoading) {
      chartLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = "/static/vendor/chart.umd.min.js";
        script.onload = function () { resolve(window.Chart); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return chartLoading;
  }

  function drawChart(Chart, canvas) {
    var spec = JSON.parse(canvas.getAttribute("data-chart"));
    var horizontal = Boolean(spec.horizontal);
    var valueAxis = { beginAtZero: true, stacked: Boolean(spec.stacked) };
    if (spec.range) {
      valueAxis.min = spec.range[0];
      valueAxis.max = spec.range[1];
    }
    var categoryAxis = { stacked: Boolean(spec.stacked), ticks: { autoSkip: false } };
    var chart = new Chart(canvas, {
      type: spec.type || "bar",
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (series) {
          return {
            label: series.label,
            data: series.data,
            backgroundColor: PALETTE[series.color] || PALETTE.neutral
          };
        })
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
        plugins: { legend: { position: "bottom" } }
      }
    });
    canvas.setAttribute("data-rendered", String(chart.data.datasets.length));
  }

  function drawCharts() {
    var canvases = document.querySelectorAll("canvas[data-chart]:not([data-rendered])");
    if (!canvases.length) {
      return;
    }
    loadChartJs().then(function (Chart) {
      canvases.forEach(function (canvas) {
        if (!canvas.hasAttribute("data-rendered")) {
          drawChart(Chart, canvas);
        }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", drawCharts);
  document.addEventListener("htmx:afterSettle", drawCharts);
})();
