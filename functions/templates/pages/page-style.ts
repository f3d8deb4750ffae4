/**
 * The one stylesheet of every public page. It is inlined and allowed by its SHA-256 in the CSP,
 * so it must stay a constant: no client value may ever be interpolated into it. Pages use classes
 * only; `style` attributes would be blocked by that CSP.
 */
export const PAGE_STYLE = `
:root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--soft:#f0f4f8;--bg:#eef1f5;--card:#fff;--brand:#102a43;--accent:#0b5cab;--accent-dark:#084a8a;--error:#b42318;--error-bg:#fef3f2;--ok:#067647;--ok-bg:#ecfdf3;--warn:#93370d;--warn-bg:#fffaeb}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.wrap{max-width:980px;margin:0 auto;padding:0 20px}
.skip{position:absolute;left:-9999px}
.skip:focus{left:12px;top:12px;background:#fff;color:var(--ink);padding:8px 12px;border-radius:6px;z-index:1}
.site-header{background:var(--brand);color:#fff;padding:16px 0}
.site-header .wrap{display:flex;align-items:baseline;gap:10px;flex-wrap:wrap}
.brand{font-weight:700;font-size:19px;letter-spacing:.01em}
.brand-sub{color:#bcccdc;font-size:15px}
main.wrap{display:block;padding-top:28px;padding-bottom:40px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:28px;margin:0 0 20px;box-shadow:0 1px 2px rgba(16,42,67,.06)}
.card>:last-child{margin-bottom:0}
h1{font-size:30px;line-height:1.2;margin:0 0 6px;letter-spacing:-.01em}
h2{font-size:21px;line-height:1.3;margin:0 0 14px}
h3{font-size:17px;margin:0 0 8px}
p{margin:0 0 14px}
a{color:var(--accent)}
.lead{font-size:18px;color:var(--muted);margin:0 0 18px}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:14px 24px;margin:20px 0 0;padding:18px 0 0;border-top:1px solid var(--line)}
.facts div{min-width:0}
.facts dt{font-size:13px;color:var(--muted);font-weight:600}
.facts dd{margin:2px 0 0;font-weight:600;font-size:17px}
.identifiers{margin:14px 0 0;color:var(--muted);font-size:14px;overflow-wrap:anywhere}
.terms{display:grid;grid-template-columns:minmax(160px,max-content) 1fr;gap:10px 24px;margin:0}
.terms dt{color:var(--muted)}
.terms dd{margin:0}
.table-scroll{overflow-x:auto}
table{width:100%;border-collapse:collapse;font-size:15px}
caption{text-align:left;color:var(--muted);font-size:14px;padding:0 0 10px}
th,td{padding:12px 10px;border-bottom:1px solid var(--line);vertical-align:top;text-align:left}
.lines th,.lines td{padding-left:8px;padding-right:8px}
th:first-child,td:first-child{padding-left:0}
th:last-child,td:last-child{padding-right:0}
thead th{font-size:13px;color:var(--muted);font-weight:600;border-bottom:2px solid var(--line);vertical-align:bottom}
tbody th{font-weight:600}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.lines{font-size:14.5px}
.lines tbody th{width:28%}
.item-title{display:block;font-weight:600;overflow-wrap:anywhere}
.item-meta{display:block;color:var(--muted);font-size:14px;font-weight:400}
.materials{margin:6px 0 0;padding:0;list-style:none;color:var(--muted);font-size:13px;font-weight:400}
.badge{display:inline-block;padding:2px 10px;border-radius:999px;font-size:13px;font-weight:600;white-space:nowrap;background:var(--soft);color:var(--ink)}
.badge-critical{background:#fde8e8;color:#8a1c1c}
.badge-high{background:var(--warn-bg);color:var(--warn)}
.badge-normal{background:#e6f0fb;color:#0b4a8a}
.badge-low{background:var(--soft);color:#3e4c59}
.totals{margin:18px 0 0 auto;max-width:380px;display:grid;grid-template-columns:1fr auto;gap:6px 0;font-variant-numeric:tabular-nums}
.totals dt{color:var(--muted)}
.totals dd{margin:0;padding-left:24px;text-align:right;white-space:nowrap}
.totals .grand{font-size:18px;font-weight:700;color:var(--ink);border-top:2px solid var(--ink);padding-top:8px;margin-top:4px}
.item-id{display:block;color:var(--muted);font-size:13px;font-weight:400;font-variant-numeric:tabular-nums}
h3 .item-id{display:inline;margin-right:6px}
.surcharge{color:var(--muted);font-size:13px}
.pdf-link{margin:16px 0 0}
.pdf-link a{font-weight:600}
.pdf-link .hint{display:inline;margin:0 0 0 6px}
.parties{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:20px 32px}
.party{min-width:0}
.party h3{font-size:14px;color:var(--muted);font-weight:600;margin:0 0 2px}
.party-name{font-weight:700;font-size:17px;margin:0 0 8px;overflow-wrap:anywhere}
.party-facts{margin:0;font-size:15px}
.party-facts dt{color:var(--muted);font-size:13px;margin:8px 0 0}
.party-facts dd{margin:0;overflow-wrap:anywhere}
.line-detail{padding:18px 0;border-top:1px solid var(--line)}
.line-detail:last-child{padding-bottom:0}
.line-detail h3{overflow-wrap:anywhere}
.line-detail .item-meta{margin:0 0 10px}
.findings{margin:0 0 12px}
.findings dt{font-weight:600;margin:10px 0 2px}
.findings dd{margin:0;overflow-wrap:anywhere}
.materials-table{font-size:14.5px;margin:6px 0 0}
.materials-table caption{font-weight:600;color:var(--ink);padding:6px 0}
.material-description{overflow-wrap:anywhere;width:46%}
.line-total{text-align:right;margin:10px 0 0}
.line-total strong{white-space:nowrap}
.muted{color:var(--muted)}
.surcharge-cell{white-space:nowrap;font-variant-numeric:tabular-nums}
.terms-link{overflow-wrap:anywhere}
.hash{display:block;font:12px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere;color:var(--muted)}
.document-id{margin:20px 0 0;padding:14px 0 0;border-top:1px solid var(--line);font-size:13px;color:var(--muted)}
.decision-form{border-top:4px solid var(--accent)}
.field{margin:0 0 20px}
.label,legend{display:block;font-weight:600;margin:0 0 6px;padding:0}
fieldset{border:0;margin:0 0 20px;padding:0;min-width:0}
.hint{display:block;color:var(--muted);font-size:14px;font-weight:400;margin:2px 0 6px}
input[type=text],textarea{display:block;width:100%;max-width:560px;padding:10px 12px;border:1px solid #7b8794;border-radius:6px;background:#fff;color:var(--ink);font:inherit}
textarea{max-width:none;min-height:120px;resize:vertical}
input:focus-visible,textarea:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #7cc4fa;outline-offset:2px}
.choice,.consent{position:relative;display:flex;gap:12px;align-items:flex-start;padding:14px 16px;border:1px solid var(--line);border-radius:8px;margin:0 0 10px;background:#fff;cursor:pointer}
.choice:has(input:checked){border-color:var(--accent);background:#f3f8fe}
.choice input,.consent input{position:relative;z-index:1;width:20px;height:20px;margin:2px 0 0;flex:none;accent-color:var(--accent)}
.choice-label{font-weight:600;display:block;cursor:pointer}
.choice-label::after{content:"";position:absolute;inset:0}
.choice-text{display:block;color:var(--muted);font-size:14px}
.consent{background:var(--soft);border-color:var(--soft);font-weight:500}
.consent:has([aria-invalid=true]){border-color:var(--error);background:var(--error-bg)}
[aria-invalid=true]{border-color:var(--error)!important}
.field-error{color:var(--error);font-weight:600;font-size:15px;margin:0 0 8px}
.error-summary{border:2px solid var(--error);background:var(--error-bg);border-radius:8px;padding:16px 20px;margin:0 0 20px}
.error-summary h2{color:var(--error);font-size:18px;margin:0 0 8px}
.error-summary ul{margin:0;padding-left:20px}
.error-summary a{color:var(--error);font-weight:600}
.actions{display:flex;flex-wrap:wrap;gap:14px;align-items:center}
button{background:var(--accent);color:#fff;border:0;border-radius:6px;padding:13px 26px;font:inherit;font-weight:600;cursor:pointer}
button:hover{background:var(--accent-dark)}
.status{border-left:6px solid var(--accent)}
.status-ok{border-left-color:var(--ok)}
.status-warn{border-left-color:#dc6803}
.status-error{border-left-color:var(--error)}
.site-footer{color:var(--muted);font-size:14px;padding:0 0 32px}
@media screen and (max-width:760px){
.wrap{padding:0 14px}
main.wrap{padding-top:18px;padding-bottom:28px}
.card{padding:20px 18px}
h1{font-size:25px}
.lines thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.lines,.lines caption,.lines tbody,.lines tr,.lines th,.lines td{display:block;width:100%}
.lines tbody th{width:100%}
.lines tr{padding:12px 0;border-bottom:1px solid var(--line)}
.lines th,.lines td{border:0;padding:2px 0}
.lines td{display:flex;justify-content:space-between;gap:16px}
.lines td::before{content:attr(data-label);color:var(--muted);font-size:14px;text-align:left;white-space:normal}
.lines tbody th{padding-bottom:6px}
.response-times{font-size:14px}
.response-times th,.response-times td{padding-left:5px;padding-right:5px}
.response-times th:first-child,.response-times td:first-child{padding-left:0}
.response-times th:last-child,.response-times td:last-child{padding-right:0}
.response-times .badge{padding:2px 8px}
.materials-table thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.materials-table,.materials-table caption,.materials-table tbody,.materials-table tr,.materials-table td{display:block;width:100%}
.materials-table tr{padding:8px 0;border-bottom:1px solid var(--line)}
.materials-table td{border:0;padding:2px 0}
.materials-table td[data-label]{display:flex;justify-content:space-between;gap:16px}
.materials-table td[data-label]::before{content:attr(data-label);color:var(--muted);font-size:14px;text-align:left;white-space:normal}
.materials-table .material-description{font-weight:600;width:100%}
.totals{max-width:none}
.terms{grid-template-columns:1fr}
.terms dd{margin-bottom:8px}
}
@media print{
body{background:#fff;font-size:11pt}
.site-header{background:none;color:#000;border-bottom:2px solid #000;padding:0 0 8px}
.brand-sub{color:#000}
.card{border:0;box-shadow:none;padding:0;margin:0 0 18pt}
.decision-form,.skip{display:none}
.wrap{max-width:none;padding:0}
.table-scroll{overflow:visible}
.lines{font-size:8.5pt}
.lines th,.lines td{padding:6px 4px}
.lines tbody th{width:24%}
.lines thead th,.lines .item-meta,.lines .materials,.lines .badge{font-size:8pt}
.badge{padding:0;background:none!important}
.lines .rate{white-space:normal}
.facts{grid-template-columns:repeat(4,1fr)}
.pdf-link{display:none}
tr,.totals,.terms,.facts,.party,.findings{break-inside:avoid}
a{color:inherit}
}
`;
