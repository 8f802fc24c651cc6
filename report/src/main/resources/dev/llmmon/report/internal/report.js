// llmmon report.html: builds the page from the JSON blob. Every text from the data goes through textContent (never
// innerHTML); text given to ECharts is drawn on a canvas and its markup characters are dropped first.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('llmmon-data').textContent);
  var SEVERITY_COLOUR = { CRITICAL: 'rgba(176,0,32,0.16)', MAJOR: 'rgba(194,65,12,0.14)', MINOR: 'rgba(138,109,0,0.12)' };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function plain(s) { return String(s === null || s === undefined ? '' : s).replace(/[<>&"']/g, ''); }
  function time(ms) { return ms === null || ms === undefined ? '' : new Date(ms).toISOString().replace('.000Z', 'Z'); }
  function modelName(m) { return m === '*' ? 'all models' : m; }

  // summary
  var open = data.alerts.filter(function (a) { return !a.closed; }).length;
  document.getElementById('summary').textContent = 'llmmon ' + data.llmmonVersion + ', generated ' + data.generatedAt
      + '; window ' + data.window + '; detection: ' + data.detection + '; ' + data.alerts.length + ' alert(s), '
      + open + ' open; ' + data.violations + ' threshold violation(s) (see report.md).';

  // alert table: each row links to the alert's chart
  var alertsBox = document.getElementById('alerts');
  if (data.alerts.length === 0) {
    alertsBox.appendChild(el('p', { 'class': 'empty' }, 'No alerts.'));
  } else {
    var table = el('table', { id: 'alert-table' });
    var head = el('tr');
    ['severity', 'status', 'kind', 'feature', 'model', 'metric', 'from', 'to', 'value', 'baseline', 'message', 'chart']
        .forEach(function (h) { head.appendChild(el('th', {}, h)); });
    table.appendChild(head);
    var order = { CRITICAL: 0, MAJOR: 1, MINOR: 2 };
    data.alerts.slice().sort(function (a, b) {
      return (a.closed - b.closed) || ((order[a.severity] || 9) - (order[b.severity] || 9)) || (a.start - b.start);
    }).forEach(function (a) {
      var tr = el('tr', { 'data-alert': a.id });
      tr.appendChild(el('td', { 'class': 'sev-' + a.severity }, a.severity));
      [a.status, a.kind, a.feature, a.model, a.metric, time(a.start), a.closed ? time(a.end) : 'open']
          .forEach(function (v) { tr.appendChild(el('td', {}, v)); });
      tr.appendChild(el('td', { 'class': 'num' }, a.value));
      tr.appendChild(el('td', { 'class': 'num' }, a.baseline));
      tr.appendChild(el('td', {}, a.message));
      var link = el('a', { href: '#' + a.chart, 'class': 'alert-link' }, 'chart');
      var td = el('td');
      td.appendChild(link);
      tr.appendChild(td);
      table.appendChild(tr);
    });
    alertsBox.appendChild(table);
  }

  // change events
  var changesBox = document.getElementById('changes');
  if (data.changes.length === 0) {
    changesBox.appendChild(el('p', { 'class': 'empty' }, 'No change events were given (llmmon.changes).'));
  } else {
    var ct = el('table');
    var ch = el('tr');
    ['time', 'kind', 'feature', 'description'].forEach(function (h) { ch.appendChild(el('th', {}, h)); });
    ct.appendChild(ch);
    data.changes.forEach(function (c) {
      var tr = el('tr');
      [time(c.time), c.kind, c.feature === null ? 'all features' : c.feature, c.description]
          .forEach(function (v) { tr.appendChild(el('td', {}, v)); });
      ct.appendChild(tr);
    });
    changesBox.appendChild(ct);
  }

  // features: a section each, a panel per model, a chart per metric group
  var nav = document.getElementById('feature-nav');
  var sections = document.getElementById('feature-sections');
  var pending = [];
  data.features.forEach(function (f) {
    var li = el('li');
    li.appendChild(el('a', { href: '#' + f.id }, f.name));
    nav.appendChild(li);
    var section = el('section', { id: f.id, 'class': 'feature' });
    section.appendChild(el('h2', {}, f.name));
    if (f.panels.length === 0) {
      section.appendChild(el('p', { 'class': 'empty' }, 'Nothing to chart for this feature.'));
    }
    f.panels.forEach(function (p) {
      section.appendChild(el('h3', {}, modelName(p.model)));
      var grid = el('div', { 'class': 'grid' });
      p.charts.forEach(function (c) {
        var fig = el('figure', { id: c.id, 'class': 'chart' });
        var plot = el('div', { 'class': 'plot' });
        fig.appendChild(plot);
        var caption = c.title + ' (' + c.unit + ')';
        if (c.control) {
          caption += '; ' + c.control.metric + ' charted by ' + c.control.detector
              + (c.control.units === 'sigma' ? ', statistic and limits in standard deviations (right axis)' : '')
              + (c.control.baselineNote ? '; baseline: ' + c.control.baselineNote : '');
        } else {
          caption += '; not charted by the detection run (no limits)';
        }
        fig.appendChild(el('figcaption', {}, caption));
        grid.appendChild(fig);
        pending.push({ chart: c, feature: f, panel: p, plot: plot });
      });
      section.appendChild(grid);
    });
    sections.appendChild(section);
  });

  function alertsOn(c, f, p) {
    return data.alerts.filter(function (a) {
      return a.feature === f.name && (a.model === p.model || a.model === '*') && c.metrics.indexOf(a.metric) >= 0;
    });
  }

  function option(item) {
    var c = item.chart, ctl = c.control;
    var sigma = ctl && ctl.units === 'sigma';
    var controlAxis = sigma ? 1 : 0;
    var series = c.lines.map(function (l) {
      return { name: l.name, type: 'line', showSymbol: false, connectNulls: false, yAxisIndex: 0, data: l.points };
    });
    if (ctl) {
      var statName = sigma ? 'chart statistic (sd)' : 'chart statistic';
      series.push({ name: statName, type: 'line', showSymbol: false, yAxisIndex: controlAxis, data: ctl.statistic,
        lineStyle: { width: 1.5, color: '#1f77b4' }, itemStyle: { color: '#1f77b4' } });
      series.push({ name: 'upper limit', type: 'line', showSymbol: false, yAxisIndex: controlAxis, data: ctl.upper,
        lineStyle: { width: 1, color: '#d62728', type: 'dashed' }, itemStyle: { color: '#d62728' } });
      series.push({ name: 'lower limit', type: 'line', showSymbol: false, yAxisIndex: controlAxis, data: ctl.lower,
        lineStyle: { width: 1, color: '#d62728', type: 'dashed' }, itemStyle: { color: '#d62728' } });
      if (ctl.outOfControl.length > 0) {
        series.push({ name: 'out of control', type: 'line', yAxisIndex: controlAxis, data: ctl.outOfControl,
          lineStyle: { opacity: 0 }, symbol: 'circle', symbolSize: 7, itemStyle: { color: '#ff7f0e' } });
      }
    }
    // alert spans, evidence windows and change events are marks on the first series
    var alerts = alertsOn(c, item.feature, item.panel);
    var first = series[0];
    first.markArea = { silent: true, data: alerts.map(function (a) {
      return [{ name: plain(a.severity), xAxis: a.start, itemStyle: { color: SEVERITY_COLOUR[a.severity] || 'rgba(0,0,0,0.08)' } },
        { xAxis: a.end === null ? 'max' : a.end }];
    }) };
    var changes = data.changes.filter(function (ev) { return ev.feature === null || ev.feature === item.feature.name; });
    first.markLine = { silent: true, symbol: 'none', lineStyle: { color: '#6a3d9a', type: 'dotted' },
      label: { formatter: '{b}', position: 'insideEndTop', fontSize: 10 },
      data: changes.map(function (ev) { return { name: plain(ev.kind), xAxis: ev.time }; }) };
    if (ctl) {
      var evidence = [];
      alerts.forEach(function (a) {
        a.evidence.forEach(function (e) { if (e[1] !== null) { evidence.push({ coord: e, value: '' }); } });
      });
      series[c.lines.length].markPoint = { silent: true, symbol: 'pin', symbolSize: 22,
        itemStyle: { color: '#ff7f0e' }, data: evidence };
    }
    var yAxis = [{ type: 'value', name: c.unit, scale: true, nameTextStyle: { align: 'left' } }];
    if (sigma) { yAxis.push({ type: 'value', name: 'sd', scale: true, splitLine: { show: false } }); }
    return {
      animation: false,
      title: { text: c.title, left: 'center', textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, type: 'scroll', textStyle: { fontSize: 11 } },
      grid: { left: 60, right: sigma ? 50 : 20, top: 40, bottom: 60 },
      xAxis: { type: 'time' },
      yAxis: yAxis,
      dataZoom: [{ type: 'inside' }],
      series: series
    };
  }

  pending.forEach(function (item) {
    var chart = echarts.init(item.plot, null, { renderer: 'canvas' });
    chart.setOption(option(item));
    item.plot.setAttribute('data-drawn', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  });
  document.body.setAttribute('data-charts', String(pending.length));
}());
