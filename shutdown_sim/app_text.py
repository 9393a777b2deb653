"""UI text of the Streamlit app in English and Traditional Chinese (Hong Kong).

A small message catalogue: ``text(key, lang, **fields)``. When the report's catalogue
(``shutdown_sim/report/messages/<lang>.yaml``) exists, its keys prefixed ``app.`` override these,
so a translator can fix wording in one place without touching code.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .events import choices

LANG_LABELS = {"English": "en", "繁體中文": "zh-Hant"}
LANG_CODES = {code: label for label, code in LANG_LABELS.items()}

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "any_country_title": "Published methods for any country",
        "any_country_caption": "The structural model needs a region parameter set (Hong Kong "
        "ships with it); the published methods work for every country in the World Bank tables.",
        "country": "Country",
        "year": "Year",
        "any_kind": "Kind of disruption",
        "title": "What does an internet shutdown cost?",
        "subtitle": "{region} · {scenario} · {duration} · {draws} Monte Carlo draws",
        "lang": "Language / 語言",
        "scenario": "Scenario",
        "duration_days": "Duration of the disruption (days)",
        "draws": "Monte Carlo draws",
        "build_own": "✎ Build your own scenario",
        "uploaded": "uploaded",
        "page": "View",
        "page_explorer": "Explorer",
        "page_sensitivity": "Sensitivity",
        "page_assumptions": "Assumptions",
        "page_share": "Share & download",
        "headline_label": "Net GDP loss ({currency})",
        "headline_label_local": "Net GDP loss ({currency})",
        "range_label": "Likely range (p5–p95)",
        "share_of_gdp_label": "Share of a day's GDP lost",
        "range_line": "Central estimate **{central}** — likely range **{low} to {high}** "
        "(5th–95th percentile of {draws} draws) · {central_local} ({low_local} to {high_local})",
        "not_in_headline": "Spill-over losses abroad ({spill}) are shown separately and never "
        "added to the headline.",
        "baselines_title": "The model beside published methods",
        "baselines_caption": "Published methods applied to the same place, year, duration and "
        "kind of disruption ({kind}). Bars: central estimate; whisker: p5–p95.",
        "model": "This model (net GDP loss)",
        "model_gross": "This model (gross, before recapture)",
        "fan_title": "Cumulative net GDP loss over time",
        "fan_band": "p5–p95 range",
        "fan_mean": "mean",
        "day": "day",
        "hour": "hour",
        "loss_axis": "loss ({currency})",
        "sectors_title": "Losses by sector",
        "direct": "direct",
        "indirect": "indirect (through suppliers and customers)",
        "recaptured": "recaptured after restoration",
        "timeline_title": "What happens when: availability of services",
        "availability": "availability",
        "event_log": "Event log",
        "time_h": "time (h)",
        "kind": "event",
        "detail": "detail",
        "sankey_title": "Where the dependence flows: services → sectors",
        "sankey_caption": "Width: value added per day that runs through each service "
        "(channel weight × internet dependence × value added).",
        "tornado_title": "Which assumptions matter most",
        "tornado_caption": "Net GDP loss with each parameter at its 5th and 95th percentile, "
        "everything else at central values.",
        "tornado_low": "parameter at p5",
        "tornado_high": "parameter at p95",
        "tornado_spinner": "Running one-at-a-time sensitivity…",
        "central_loss": "central",
        "running": "Running {draws} Monte Carlo draws…",
        "assumptions_title": "Assumptions: every parameter, its range and its source",
        "assumptions_caption": "Edit a value in the 'value' column to rerun the model with it. "
        "Edited values are marked ASSUMPTION in the results.",
        "col_name": "name",
        "col_value": "value",
        "col_default": "default",
        "col_low": "low",
        "col_high": "high",
        "col_unit": "unit",
        "col_year": "year",
        "col_status": "status",
        "col_source": "source",
        "col_link": "link",
        "col_note": "note",
        "reset": "Reset to defaults",
        "n_overrides": "{n} parameter(s) changed from the defaults: {names}",
        "upload_params": "Upload parameter overrides (CSV with columns name,central)",
        "upload_scenario": "Upload a scenario (YAML, up to 1 MB)",
        "upload_ok": "Loaded scenario “{name}”.",
        "upload_params_ok": "Applied {n} parameter override(s).",
        "upload_error": "Could not use this file: {error}",
        "builder_title": "Build a scenario",
        "builder_kind": "Kind of disruption",
        "builder_share": "Share of users affected",
        "builder_start": "Start (hour)",
        "builder_apps": "Apps to block",
        "builder_escalation": "Escalation: block the next app when users move",
        "builder_vpn": "People can use VPNs",
        "builder_more": "More settings of this event",
        "builder_unavailable": "No bundled scenario of this kind to start from.",
        "no_duration": "This scenario's first event has no duration; the duration control "
        "does not apply.",
        "share_title": "Share this view",
        "share_link": "This link reproduces the view (scenario, duration, language, draws):",
        "downloads": "Downloads",
        "dl_summary": "Summary (CSV)",
        "dl_sectors": "By sector (CSV)",
        "dl_timeline": "Timeline per day (CSV)",
        "dl_json": "Full result (JSON)",
        "dl_brief": "Brief (HTML)",
        "dl_chart": "Chart: {name}",
        "no_png": "PNG export needs kaleido, which is not installed; charts download as "
        "interactive HTML instead (open in any browser, works offline).",
        "no_brief": "The brief generator is not available in this installation.",
        "provenance": "Provenance",
        "notes": "Notes",
        "error": "Something went wrong: {error}",
        "source": "source",
        "about": "Levers (what a government chooses): kind, scope, duration. Uncertainties: "
        "the parameters on the Assumptions page. Outcomes: losses in USD and {currency}.",
    },
    "zh-Hant": {
        "any_country_title": "任何國家的已發表方法估算",
        "any_country_caption": "結構模型需要一套地區參數（本工具附有香港的參數）；"
        "已發表的方法則適用於世界銀行數據中的所有國家。",
        "country": "國家／地區",
        "year": "年份",
        "any_kind": "中斷類型",
        "title": "斷網的經濟代價有多大？",
        "subtitle": "{region} · {scenario} · {duration} · 蒙地卡羅模擬 {draws} 次",
        "lang": "Language / 語言",
        "scenario": "情境",
        "duration_days": "中斷時長（日）",
        "draws": "蒙地卡羅抽樣次數",
        "build_own": "✎ 自訂情境",
        "uploaded": "已上載",
        "page": "頁面",
        "page_explorer": "總覽",
        "page_sensitivity": "敏感度",
        "page_assumptions": "假設",
        "page_share": "分享及下載",
        "headline_label": "本地生產總值淨損失（{currency}）",
        "headline_label_local": "本地生產總值淨損失（{currency}）",
        "range_label": "可能範圍（第5至95百分位）",
        "share_of_gdp_label": "相當於一日本地生產總值",
        "range_line": "中央估計 **{central}** — 可能範圍 **{low} 至 {high}**"
        "（{draws} 次抽樣的第5至95百分位）· {central_local}（{low_local} 至 {high_local}）",
        "not_in_headline": "境外用戶的外溢損失（{spill}）另列，從不計入主要數字。",
        "baselines_title": "模型與已發表方法的比較",
        "baselines_caption": "已發表方法套用於相同地區、年份、時長及中斷類型（{kind}）。"
        "柱：中央估計；誤差線：第5至95百分位。",
        "model": "本模型（本地生產總值淨損失）",
        "model_gross": "本模型（總損失，未計追回）",
        "fan_title": "本地生產總值累計淨損失",
        "fan_band": "第5至95百分位範圍",
        "fan_mean": "平均",
        "day": "日",
        "hour": "小時",
        "loss_axis": "損失（{currency}）",
        "sectors_title": "各行業損失",
        "direct": "直接",
        "indirect": "間接（經供應鏈及客戶）",
        "recaptured": "恢復後追回",
        "timeline_title": "時間線：各項服務的可用程度",
        "availability": "可用程度",
        "event_log": "事件紀錄",
        "time_h": "時間（小時）",
        "kind": "事件",
        "detail": "詳情",
        "sankey_title": "依賴如何流動：服務 → 行業",
        "sankey_caption": "寬度：每日經各項服務產生的增加值（渠道權重 × 互聯網依賴度 × 增加值）。",
        "tornado_title": "哪些假設最重要",
        "tornado_caption": "每個參數分別取第5及第95百分位、其餘取中央值時的本地生產總值淨損失。",
        "tornado_low": "參數取第5百分位",
        "tornado_high": "參數取第95百分位",
        "tornado_spinner": "正在逐一計算參數敏感度……",
        "central_loss": "中央",
        "running": "正在進行 {draws} 次蒙地卡羅抽樣……",
        "assumptions_title": "假設：所有參數、範圍及來源",
        "assumptions_caption": "在「數值」欄修改數值，模型會以新數值重新計算。"
        "修改過的數值在結果中標示為 ASSUMPTION。",
        "col_name": "名稱",
        "col_value": "數值",
        "col_default": "預設",
        "col_low": "下限",
        "col_high": "上限",
        "col_unit": "單位",
        "col_year": "年份",
        "col_status": "狀態",
        "col_source": "來源",
        "col_link": "連結",
        "col_note": "備註",
        "reset": "還原預設值",
        "n_overrides": "已修改 {n} 個參數：{names}",
        "upload_params": "上載參數修改（CSV，欄位 name,central）",
        "upload_scenario": "上載情境（YAML，不超過 1 MB）",
        "upload_ok": "已載入情境「{name}」。",
        "upload_params_ok": "已套用 {n} 個參數修改。",
        "upload_error": "無法使用此檔案：{error}",
        "builder_title": "自訂情境",
        "builder_kind": "中斷類型",
        "builder_share": "受影響用戶比例",
        "builder_start": "開始（小時）",
        "builder_apps": "封鎖的應用程式",
        "builder_escalation": "升級：用戶轉用後封鎖下一個應用程式",
        "builder_vpn": "市民可使用 VPN",
        "builder_more": "此事件的其他設定",
        "builder_unavailable": "沒有此類型的內建情境可作起點。",
        "no_duration": "此情境的首個事件沒有時長，時長控制不適用。",
        "share_title": "分享此畫面",
        "share_link": "此連結可重現目前畫面（情境、時長、語言、抽樣次數）：",
        "downloads": "下載",
        "dl_summary": "摘要（CSV）",
        "dl_sectors": "各行業（CSV）",
        "dl_timeline": "每日時間線（CSV）",
        "dl_json": "完整結果（JSON）",
        "dl_brief": "簡報（HTML）",
        "dl_chart": "圖表：{name}",
        "no_png": "匯出 PNG 需要 kaleido，但未有安裝；"
        "圖表改以互動 HTML 下載（可離線以瀏覽器開啟）。",
        "no_brief": "此安裝未有簡報產生器。",
        "provenance": "來源紀錄",
        "notes": "附註",
        "error": "發生錯誤：{error}",
        "source": "來源",
        "about": "政策槓桿（政府的選擇）：類型、範圍、時長。不確定因素：假設頁的參數。"
        "結果：以美元及{currency}計的損失。",
    },
}


def _add_choice_labels() -> None:
    """The builder's choices (kind_full, kind_apps, ...) are worded in their event kind's module."""
    for name, (_, choice) in choices().items():
        for lang, label in choice.label.items():
            MESSAGES[lang][f"kind_{name}"] = label


_add_choice_labels()

CURRENCY_NAMES = {
    "en": {"USD": "US$", "HKD": "HK$"},
    "zh-Hant": {"USD": "美元", "HKD": "港元"},
}


@lru_cache(maxsize=4)
def _report_catalogue(lang: str) -> dict[str, str]:
    """``app.*`` keys of the report's catalogue, if a colleague has provided one."""
    path = Path(__file__).resolve().parent / "report" / "messages" / f"{lang}.yaml"
    if not path.is_file():
        return {}
    try:
        from .safe_yaml import parse_yaml_text

        data = parse_yaml_text(path.read_text(encoding="utf-8"), source=str(path))
    except Exception:  # a broken catalogue must not take the app down
        return {}
    if not isinstance(data, dict):
        return {}
    app = data.get("app")
    if isinstance(app, dict):
        return {str(k): str(v) for k, v in app.items()}
    return {k[4:]: str(v) for k, v in data.items() if isinstance(k, str) and k.startswith("app.")}


def lang_code(value: str | None) -> str:
    """'English' / '繁體中文' / 'en' / 'zh-Hant' -> catalogue code (default English)."""
    if value in MESSAGES:
        return str(value)
    return LANG_LABELS.get(str(value), "en")


def text(key: str, lang: str = "en", **fields: object) -> str:
    """The message ``key`` in ``lang`` with ``fields`` filled in (falls back to English)."""
    code = lang_code(lang)
    template = (
        _report_catalogue(code).get(key) or MESSAGES[code].get(key) or MESSAGES["en"].get(key, key)
    )
    try:
        return template.format(**fields) if fields else template
    except (KeyError, IndexError, ValueError):
        return template


def money(
    usd: float, currency: str = "USD", local_per_usd: float = 1.0, lang: str = "en", digits: int = 3
) -> str:
    """Format an amount given in USD in ``currency`` (US$ 1.23 bn / 12.3億美元)."""
    code = lang_code(lang)
    value = float(usd) * (1.0 if currency == "USD" else float(local_per_usd))
    name = CURRENCY_NAMES[code].get(currency, currency + " ")
    sign = "−" if value < 0 else ""
    value = abs(value)
    if code == "zh-Hant":
        for unit, scale in (("萬億", 1e12), ("億", 1e8), ("萬", 1e4)):
            if value >= scale:
                return f"{sign}{_sig(value / scale, digits)}{unit}{name}"
        return f"{sign}{_sig(value, digits)}{name}"
    for unit, scale in (("tn", 1e12), ("bn", 1e9), ("m", 1e6), ("k", 1e3)):
        if value >= scale:
            return f"{sign}{name} {_sig(value / scale, digits)} {unit}"
    return f"{sign}{name} {_sig(value, digits)}"


def _sig(value: float, digits: int) -> str:
    """``value`` to ``digits`` significant figures, without scientific notation."""
    if value == 0:
        return "0"
    text_ = f"{value:.{digits}g}"
    if "e" in text_:
        text_ = f"{value:.0f}"
    return text_


def currency_name(code: str, lang: str = "en") -> str:
    """Display name of a currency code in the labels (USD / 美元)."""
    if lang_code(lang) == "zh-Hant":
        return CURRENCY_NAMES["zh-Hant"].get(code, code)
    return code


def duration_text(days: float, lang: str = "en") -> str:
    code = lang_code(lang)
    if days < 1:
        hours = days * 24
        return f"{hours:g} 小時" if code == "zh-Hant" else f"{hours:g} h"
    if code == "zh-Hant":
        return f"{days:g} 日"
    return f"{days:g} day" + ("" if days == 1 else "s")
