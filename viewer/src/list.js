// The project list at `/`: every open project with its size and last change, refreshed every
// two seconds; when the daemon does not answer, says so and keeps trying.
const REFRESH_MS = 2000;
const status = document.getElementById('status');
const table = document.getElementById('projects');
const body = table.querySelector('tbody');

function cell(text, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  td.append(text);
  return td;
}

function row(project) {
  const tr = document.createElement('tr');
  const link = document.createElement('a');
  link.href = `/projects/${encodeURIComponent(project.id)}`;
  link.textContent = project.name || project.id;
  const when = document.createElement('time');
  when.dateTime = project.last_change;
  when.textContent = new Date(project.last_change).toLocaleString();
  tr.append(cell(link), cell(project.voxel_count.toLocaleString(), 'number'), cell(String(project.layers), 'number'), cell(when));
  return tr;
}

async function refresh() {
  try {
    const response = await fetch('/api/projects', { cache: 'no-store' });
    if (!response.ok) throw new Error(`the daemon answered ${response.status}`);
    const { projects } = await response.json();
    body.replaceChildren(...projects.map(row));
    table.hidden = projects.length === 0;
    const text = projects.length === 0 ? 'No project is open.' : '';
    if (status.textContent !== text) status.textContent = text;
    status.classList.remove('down');
  } catch {
    status.textContent = 'Disconnected: reconnecting...';
    status.classList.add('down');
  }
  setTimeout(refresh, REFRESH_MS);
}

refresh();
