#!/usr/bin/env python3
"""Write N realistic message templates (seeded) into a folder, one file each:
mostly Meta JSON (pt/es/en, UTILITY/MARKETING/AUTHENTICATION, headers, footers,
buttons, samples), some .txt drafts; about 1 in 5 has a problem a reviewer would
catch. Usage: gen_templates.py [--bad SHARE] [--one-file] N OUTDIR [SEED]
--bad: the share of templates with a problem (default 0.2); --one-file: every template in
one JSON array, OUTDIR/all.json (no .txt drafts then)."""
import json, os, random, sys

argv, bad_share, one_file = sys.argv[1:], 0.2, False
while argv and argv[0].startswith("--"):
    if argv[0] == "--bad":
        bad_share, argv = float(argv[1]), argv[2:]
    elif argv[0] == "--one-file":
        one_file, argv = True, argv[1:]
    else:
        sys.exit(__doc__)
n, out = int(argv[0]), argv[1]
rnd = random.Random(int(argv[2]) if len(argv) > 2 else 42)
os.makedirs(out, exist_ok=True)
every = []
BODIES = {
    "pt_BR": ["Olá {{1}}, seu pedido {{2}} foi enviado e chega em até {{3}} dias úteis. Acompanhe pelo botão abaixo.",
              "Oi {{1}}, lembramos que sua consulta está marcada para {{2}} na unidade Centro. Responda para confirmar.",
              "Olá {{1}}, recebemos o pagamento da fatura {{2}} no valor de {{3}}. Obrigado por manter sua conta em dia."],
    "es_AR": ["Hola {{1}}, su pedido {{2}} fue enviado y llega en {{3}} días hábiles. Siga la entrega con el botón.",
              "Hola {{1}}, le recordamos su turno del {{2}} en la sucursal Palermo. Responda para confirmar su asistencia.",
              "Hola {{1}}, recibimos el pago de la factura {{2}} por {{3}}. Gracias por mantener su cuenta al día."],
    "en_US": ["Hi {{1}}, your order {{2}} has shipped and will arrive in {{3}} business days. Track it below.",
              "Hi {{1}}, this is a reminder of your appointment on {{2}} at our downtown office. Reply to confirm.",
              "Hi {{1}}, we received your payment for invoice {{2}} of {{3}}. Thank you, your account is up to date."],
}
BAD = ["{{1}}, seu pedido {{2}} foi enviado", "Hi {{1}} {{3}}, your order shipped", "Aproveite 50% off hoje {{1}}!",
       "Hola {{ 1 }}, su pedido fue enviado", "Track it at https://bit.ly/x {{1}} now please today"]
for i in range(n):
    lang = rnd.choice(list(BODIES))
    body = rnd.choice(BODIES[lang])
    if rnd.random() < bad_share:
        body = rnd.choice(BAD)
    body += f" Equipe {rnd.choice(['Azul', 'Sol', 'Norte', 'Central'])} {i}."  # wording differs per template
    nvars = body.count("{{")
    if rnd.random() < 0.1 and not one_file:
        path = os.path.join(out, f"draft_{i:06d}.txt")
        with open(path, "w") as f:
            f.write(f"---\nname: draft_{i}\nlanguage: {lang}\ncategory: UTILITY\n---\n{body}\n")
        continue
    comps = []
    if rnd.random() < 0.5:
        comps.append({"type": "HEADER", "format": "TEXT", "text": "Pedido {{1}}", "example": {"header_text": ["566701"]}})
    comps.append({"type": "BODY", "text": body, "example": {"body_text": [["Maria", "566701", "3"][:max(nvars, 1)]]}})
    if rnd.random() < 0.5:
        comps.append({"type": "FOOTER", "text": "Loja Azul"})
    if rnd.random() < 0.5:
        comps.append({"type": "BUTTONS", "buttons": [
            {"type": "URL", "text": "Acompanhar", "url": "https://loja.example.com/p/{{1}}", "example": ["https://loja.example.com/p/1"]},
            {"type": "QUICK_REPLY", "text": "Falar com atendente"}]})
    tpl = {"name": f"template_{i}", "language": lang, "category": rnd.choice(["UTILITY"] * 4 + ["MARKETING"]), "components": comps}
    if one_file:
        every.append(tpl)
        continue
    with open(os.path.join(out, f"tpl_{i:06d}.json"), "w") as f:
        json.dump(tpl, f, ensure_ascii=False, indent=2)
if one_file:
    with open(os.path.join(out, "all.json"), "w") as f:
        json.dump(every, f, ensure_ascii=False, indent=2)
