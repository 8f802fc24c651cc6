package dev.llmmon.demo;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The fixed world of the demo: models with prices and speeds, features with traffic, tokens and texts. */
final class Catalog {
    private Catalog() {
    }

    /**
     * @param inputPerMTok  USD per million input tokens (list price)
     * @param outputPerMTok USD per million output tokens
     * @param ttftMs        median time to first token
     * @param msPerToken    median generation time per output token
     * @param fingerprint   OpenAI system_fingerprint, null for providers that do not return one
     */
    record Model(String id, String provider, double inputPerMTok, double outputPerMTok, double ttftMs,
                 double msPerToken, String fingerprint) {
        double cost(long in, long out) {
            return Math.round((in * inputPerMTok + out * outputPerMTok) / 1e6 * 1e8) / 1e8;
        }
    }

    static final Model GPT_4O = new Model("gpt-4o-2024-08-06", "openai", 2.50, 10.00, 450, 11, "fp_7c2a1b9e3d");
    static final Model GPT_4O_MINI = new Model("gpt-4o-mini-2024-07-18", "openai", 0.15, 0.60, 300, 7, "fp_0ba0d124f1");
    static final Model SONNET = new Model("claude-sonnet-4-5-20250929", "anthropic", 3.00, 15.00, 700, 14, null);
    static final Model HAIKU = new Model("claude-haiku-4-5-20251001", "anthropic", 1.00, 5.00, 350, 6, null);
    static final List<Model> MODELS = List.of(GPT_4O, GPT_4O_MINI, SONNET, HAIKU);
    /** The fingerprint gpt-4o reports after the silent provider-side change (incident 2). */
    static final String GPT_4O_NEW_FINGERPRINT = "fp_b4e13f8a90";

    static String provider(String modelId) {
        return modelId.startsWith("claude") ? "anthropic" : "openai";
    }

    /** A kind of request inside a feature ({@code query_category}), with its texts. */
    record Category(String name, double weight, List<String> inputs, List<String> outputs) {
    }

    /**
     * @param sessionsPerDay  sessions started on an average weekday (before the diurnal shape)
     * @param weekendFactor   traffic on Saturday and Sunday relative to a weekday
     * @param extraTurns      mean number of further requests in a session (geometric)
     * @param turnGrowth      relative input growth per turn (conversation history)
     * @param explicitRate    share of good answers that get a thumbs up/down
     * @param badRate         share of answers the user finds bad (outside incidents)
     */
    record Feature(String id, double sessionsPerDay, double weekendFactor, List<Model> models, double[] modelWeights,
                   double extraTurns, double inputMedian, double inputSigma, double turnGrowth, double outputMedian,
                   double outputSigma, int maxTokens, double refusalRate, double toolUseRate, double errorRate,
                   double explicitRate, double badRate, boolean hasSessions, String promptVersion,
                   List<Category> categories, List<String> badOutputs) {
        Model pickModel(SplittableRandom rng) {
            return models.get(pick(rng, modelWeights));
        }
    }

    static int pick(SplittableRandom rng, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static <T> T oneOf(SplittableRandom rng, List<T> items) {
        return items.get(rng.nextInt(items.size()));
    }

    static final List<String> REFUSALS = List.of(
            "I'm sorry, but I can't help with that request.",
            "I can't assist with that. If you have another question about your account or order, I'm happy to help.",
            "Sorry, I'm not able to provide that information.",
            "I can't help with that, but I can connect you with a human agent if you'd like.");

    // ---------------------------------------------------------------- support-chat
    static final Feature SUPPORT_CHAT = new Feature("support-chat", 780, 0.7,
            List.of(GPT_4O, HAIKU), new double[] {0.6, 0.4},
            2.0, 650, 0.35, 0.35, 140, 0.55, 800, 0.012, 0.05, 0.012, 0.12, 0.08, true, "v7",
            List.of(
                    new Category("billing", 0.26, List.of(
                            "Why was I charged {amount} twice this month?",
                            "Can I get an invoice for my {plan} subscription?",
                            "My card ending in {card} was declined, what should I do?",
                            "How do I switch from monthly to annual billing on the {plan} plan?",
                            "I see a charge of {amount} I don't recognise, can you explain it?",
                            "Do you offer a discount for nonprofits on the {plan} plan?",
                            "When will my refund of {amount} show up on my statement?"),
                            List.of(
                                    "I checked your account: the second charge of {amount} is a pending authorisation and will drop off within {days} business days.",
                                    "You can download every invoice under Settings > Billing > Invoices. The {plan} plan invoices are issued on the 1st of each month.",
                                    "A declined card is usually an expired card or a bank block. Please update the card under Settings > Billing, then retry the payment.",
                                    "Switching to annual billing on {plan} saves two months. Go to Settings > Billing > Change cycle; the remaining days are prorated.",
                                    "That {amount} charge is the seat you added on {date}. It is prorated for the rest of the cycle.",
                                    "Yes: registered nonprofits get 50% off the {plan} plan. Email us your registration document and we apply it from the next invoice.",
                                    "Refunds take {days} business days to appear, depending on your bank. Your refund of {amount} was issued today.")),
                    new Category("account", 0.22, List.of(
                            "How do I reset my password?",
                            "I can't log in, it says my account is locked.",
                            "How do I add a teammate to my workspace?",
                            "Can I change the email address on my account to {email}?",
                            "How do I enable two-factor authentication?",
                            "I want to delete my account and all my data.",
                            "Why did I get logged out on my {device}?"),
                            List.of(
                                    "Go to the login page, choose 'Forgot password' and follow the link we email you. The link is valid for {days} hours.",
                                    "Accounts lock after five failed attempts. I've sent an unlock link to your email address; it expires in one hour.",
                                    "Open Settings > Members > Invite, enter their email and pick a role. They get an invitation within a minute.",
                                    "You can change your email under Profile > Email. We'll send a confirmation to {email} before the change takes effect.",
                                    "Two-factor authentication is under Settings > Security. Scan the QR code with your authenticator app and enter the 6-digit code.",
                                    "You can delete your account under Settings > Privacy > Delete account. All data is removed within 30 days, so export anything you need first.",
                                    "Sessions on {device} expire after 30 days or when your password changes. Signing in again restores everything.")),
                    new Category("shipping", 0.2, List.of(
                            "Where is my order {order}?",
                            "My package {order} says delivered but I never got it.",
                            "Can I change the delivery address for order {order}?",
                            "Do you ship to {country}?",
                            "How long does express shipping to {country} take?",
                            "Order {order} has been stuck in transit for {days} days."),
                            List.of(
                                    "Order {order} left our warehouse on {date} and is with the carrier. Expected delivery is within {days} days.",
                                    "I'm sorry about that. I've opened a carrier investigation for {order}; if it isn't found within {days} days we'll resend it for free.",
                                    "The address can be changed until the order ships. I've updated order {order}; you'll get a confirmation email shortly.",
                                    "Yes, we ship to {country}. Standard delivery takes {days} business days and duties are included at checkout.",
                                    "Express shipping to {country} takes 2-3 business days after dispatch.",
                                    "Order {order} is delayed at the carrier's hub. I've escalated it; if it doesn't move within {days} days we'll send a replacement.")),
                    new Category("returns", 0.17, List.of(
                            "How do I return the {product} I bought?",
                            "Can I exchange my {product} for a different size?",
                            "The {product} arrived damaged, what now?",
                            "Is the return shipping free for {product}?",
                            "I returned {product} {days} days ago and haven't been refunded."),
                            List.of(
                                    "You can return the {product} within 30 days. Start the return under Orders > {order} > Return and print the prepaid label.",
                                    "Exchanges are free: choose 'Exchange' on the order page, pick the new size and ship the {product} back with the included label.",
                                    "I'm sorry it arrived damaged. Please upload a photo under Orders > {order}; we'll ship a replacement of the {product} right away.",
                                    "Return shipping is free for {product} when you use the prepaid label from your order page.",
                                    "Your return of the {product} was received on {date}; the refund is issued within {days} business days.")),
                    new Category("technical", 0.15, List.of(
                            "The app crashes when I open the {screen} screen on my {device}.",
                            "Sync is not working between my {device} and the web app.",
                            "I get error code {code} when exporting a report.",
                            "The {screen} page is very slow to load.",
                            "Notifications stopped working on my {device} after the update."),
                            List.of(
                                    "Thanks for the report. Please update to the latest version and clear the app cache; this fixes the {screen} crash on {device} for most users.",
                                    "Sync needs the same account on both devices. Sign out and back in on your {device}, then pull down to refresh.",
                                    "Error {code} means the export exceeded the row limit. Narrow the date range or export in two parts.",
                                    "The {screen} page loads slowly with very large workspaces; we're rolling out a fix this week. Filtering by team helps in the meantime.",
                                    "After the update, notification permissions can reset. Check Settings > Notifications on your {device} and enable them for the app.")),
                    new Category("promotions", 0.0, List.of(
                            "Does the Black Friday discount apply to the {plan} plan?",
                            "My promo code {promo} doesn't work at checkout.",
                            "Can I combine {promo} with my student discount?",
                            "When does the Black Friday sale on {product} end?"),
                            List.of(
                                    "Yes, the Black Friday discount applies to the {plan} plan when billed annually. It is applied automatically at checkout.",
                                    "Promo code {promo} is valid for new orders over {amount}. Please check the minimum order value and try again.",
                                    "Promo codes can't be combined with other discounts; checkout applies the larger one automatically.",
                                    "The Black Friday sale on {product} ends on Monday at midnight UTC."))),
            List.of(
                    "Please check our help center for more information.",
                    "I'm not sure about that. You might want to contact support.",
                    "Could you provide more details about your issue?",
                    "According to our documentation, this feature is available on all plans. Let me know if you need anything else.",
                    "Thanks for reaching out! Please try again later."));

    // ---------------------------------------------------------------- summarize
    static final List<String> DOC_SENTENCES = List.of(
            "The team reviewed the Q{quarter} roadmap and agreed to prioritise the {project} migration.",
            "Revenue in {region} grew {pct}% compared with the previous quarter, driven by enterprise renewals.",
            "{person} raised concerns about the timeline for the {project} launch.",
            "Customer churn remained flat at {pct}% while support ticket volume dropped.",
            "The vendor contract for {project} expires at the end of the month and needs a decision.",
            "Latency on the checkout service improved after the cache rollout in {region}.",
            "Hiring for the {team} team is behind plan by two positions.",
            "{person} will draft a proposal for the new pricing tiers by next Friday.",
            "The incident on {date} was caused by an expired certificate and lasted {minutes} minutes.",
            "Marketing proposed a campaign targeting small businesses in {region}.",
            "Security asked every team to rotate credentials before the audit on {date}.",
            "The board approved an additional budget of {amount} for {project}.",
            "Usage of the mobile app overtook the web app for the first time in {region}.",
            "{person} noted that the data warehouse costs rose {pct}% month over month.");
    static final Feature SUMMARIZE = new Feature("summarize", 820, 0.45,
            List.of(GPT_4O_MINI, HAIKU), new double[] {0.75, 0.25},
            0.3, 2200, 0.55, 0.1, 210, 0.4, 1024, 0.004, 0.0, 0.01, 0.06, 0.06, true, "v3",
            List.of(
                    new Category("meeting_notes", 0.35, List.of(
                            "Summarize these meeting notes in three bullet points:\n{doc}",
                            "Give me the action items from this meeting:\n{doc}",
                            "TL;DR of today's {team} sync please:\n{doc}"),
                            List.of("- {s1}\n- {s2}\n- Next step: {person} follows up on {project}.",
                                    "Action items:\n1. {person}: {s1}\n2. {team} team: {s2}",
                                    "The {team} sync covered {project} and budget. Key point: {s1}")),
                    new Category("email_thread", 0.25, List.of(
                            "Summarize this email thread for me:\n{doc}",
                            "What is this email chain asking me to do?\n{doc}"),
                            List.of("The thread asks you to decide on {project} by {date}. Context: {s1}",
                                    "{person} needs your approval. Summary: {s1} {s2}")),
                    new Category("report", 0.25, List.of(
                            "Summarize this quarterly report for an executive audience:\n{doc}",
                            "Write a two-sentence summary of this report:\n{doc}"),
                            List.of("Q{quarter} in brief: {s1} {s2}",
                                    "Executive summary: {s1} Risks: {s2}")),
                    new Category("article", 0.15, List.of(
                            "Summarize this article in plain language:\n{doc}"),
                            List.of("In short: {s1} The article also notes that {s2}"))),
            List.of("This document discusses several topics.",
                    "The text contains information about a meeting.",
                    "Summary: see the document above."));

    // ---------------------------------------------------------------- extract-invoice
    static final Feature EXTRACT_INVOICE = new Feature("extract-invoice", 700, 0.2,
            List.of(GPT_4O_MINI), new double[] {1.0},
            0.0, 1400, 0.3, 0.0, 180, 0.25, 512, 0.0005, 0.0, 0.012, 0.0, 0.05, false, "v12",
            List.of(
                    new Category("invoice", 0.6, List.of(
                            "Extract vendor, invoice_number, date, currency and total as JSON.\n\nINVOICE\n{vendor}\nInvoice no. {invoice}\nDate: {date}\n{lines}\nTotal due: {amountNum} {currency}"),
                            List.of("{\"vendor\":\"{vendor}\",\"invoice_number\":\"{invoice}\",\"date\":\"{date}\",\"currency\":\"{currency}\",\"total\":{amountNum}}")),
                    new Category("receipt", 0.25, List.of(
                            "Extract merchant, date, currency and total as JSON from this receipt.\n\n{vendor}\n{date}\n{lines}\nTOTAL {amountNum} {currency}"),
                            List.of("{\"vendor\":\"{vendor}\",\"date\":\"{date}\",\"currency\":\"{currency}\",\"total\":{amountNum}}")),
                    new Category("utility_bill", 0.15, List.of(
                            "Extract provider, account number, billing period and amount due as JSON.\n\n{vendor} - Account {invoice}\nBilling period ending {date}\nAmount due: {amountNum} {currency}"),
                            List.of("{\"vendor\":\"{vendor}\",\"account\":\"{invoice}\",\"period_end\":\"{date}\",\"currency\":\"{currency}\",\"total\":{amountNum}}"))),
            List.of("{\"vendor\":\"{vendor}\",\"total\":null}",
                    "{\"vendor\":null,\"invoice_number\":\"{invoice}\",\"total\":0}"));

    // ---------------------------------------------------------------- code-review
    static final Feature CODE_REVIEW = new Feature("code-review", 330, 0.25,
            List.of(SONNET, GPT_4O_MINI), new double[] {0.85, 0.15},
            0.6, 3200, 0.6, 0.2, 420, 0.5, 2048, 0.002, 0.0, 0.01, 0.1, 0.07, true, "v2",
            List.of(
                    new Category("java", 0.4, List.of(
                            "Review this Java change:\n```java\npublic {type} {method}(List<{type}> items) {\n    for (int i = 0; i <= items.size(); i++) {\n        total += items.get(i).{field}();\n    }\n}\n```",
                            "Is this thread-safe?\n```java\nprivate static Map<String, {type}> cache = new HashMap<>();\npublic {type} {method}(String key) { return cache.computeIfAbsent(key, this::load); }\n```",
                            "Review: \n```java\ntry (var in = Files.newInputStream(path)) {\n    return mapper.readValue(in, {type}.class);\n} catch (Exception e) {\n    return null;\n}\n```"),
                            List.of("The loop condition `i <= items.size()` reads one element past the end and throws IndexOutOfBoundsException. Use `i < items.size()` or an enhanced for loop.",
                                    "`HashMap` is not thread-safe and `computeIfAbsent` on it can corrupt the map under concurrency. Use `ConcurrentHashMap` for `cache`.",
                                    "Catching `Exception` and returning null hides parse errors from callers of {method}. Let `IOException` propagate or wrap it with the path in the message.")),
                    new Category("python", 0.3, List.of(
                            "Review this Python function:\n```python\ndef {method}(items, seen=[]):\n    for it in items:\n        if it.{field} not in seen:\n            seen.append(it.{field})\n    return seen\n```",
                            "Can you review this?\n```python\nquery = f\"SELECT * FROM {table} WHERE id = {user_input}\"\ncursor.execute(query)\n```"),
                            List.of("`seen=[]` is a mutable default argument shared between calls, so results leak across invocations. Default to `None` and create the list inside {method}.",
                                    "Building SQL with an f-string allows SQL injection. Use a parameterised query: `cursor.execute(\"SELECT * FROM {table} WHERE id = %s\", (user_id,))`.")),
                    new Category("typescript", 0.2, List.of(
                            "Review this TypeScript:\n```ts\nasync function {method}(ids: string[]) {\n  ids.forEach(async id => { await save(id); });\n  return 'done';\n}\n```"),
                            List.of("`forEach` does not await async callbacks, so {method} returns before any save finishes. Use `await Promise.all(ids.map(save))` or a for...of loop.")),
                    new Category("sql", 0.1, List.of(
                            "Review this migration:\n```sql\nALTER TABLE {table} ADD COLUMN {field} TEXT NOT NULL;\n```"),
                            List.of("Adding a NOT NULL column without a default fails on a non-empty `{table}` table and locks it. Add a default or backfill in steps."))),
            List.of("The code looks good to me.",
                    "Consider adding more comments.",
                    "LGTM, maybe rename some variables."));

    static final List<Feature> FEATURES = List.of(SUPPORT_CHAT, SUMMARIZE, EXTRACT_INVOICE, CODE_REVIEW);

    /** Slot fillers; every slot is drawn once per request so input and output agree. */
    static final Map<String, List<String>> SLOTS = Map.ofEntries(
            Map.entry("amount", List.of("$12.99", "$49.00", "$199.00", "$8.50", "$1,240.00", "$74.25", "$310.40", "€89.00")),
            Map.entry("plan", List.of("Starter", "Pro", "Team", "Business", "Enterprise")),
            Map.entry("card", List.of("4242", "1881", "0005", "7310", "9921")),
            Map.entry("days", List.of("2", "3", "5", "7", "10")),
            Map.entry("date", List.of("2026-11-02", "2026-11-09", "2026-10-28", "2026-11-12", "2026-10-15", "2026-11-14")),
            Map.entry("email", List.of("jane.doe@example.com", "ops@example.org", "m.rossi@example.it", "kim@example.net")),
            Map.entry("device", List.of("iPhone", "Android phone", "iPad", "Pixel 8", "Galaxy S24", "Windows laptop")),
            Map.entry("order", List.of("#A10482", "#A10977", "#B22013", "#C31415", "#A99821", "#D00417", "#B75310")),
            Map.entry("country", List.of("Canada", "Germany", "Japan", "Brazil", "Australia", "Norway", "Mexico", "India")),
            Map.entry("product", List.of("running shoes", "wireless headphones", "rain jacket", "espresso machine", "desk lamp", "backpack", "smartwatch")),
            Map.entry("screen", List.of("Reports", "Dashboard", "Settings", "Inbox", "Calendar")),
            Map.entry("code", List.of("E1042", "E2210", "E0007", "E3301")),
            Map.entry("promo", List.of("BF2026", "CYBER30", "WELCOME10", "BLACKFRI")),
            Map.entry("quarter", List.of("1", "2", "3", "4")),
            Map.entry("project", List.of("Atlas", "Billing v2", "data lake", "Orion", "mobile checkout", "SSO")),
            Map.entry("region", List.of("EMEA", "North America", "APAC", "LATAM")),
            Map.entry("pct", List.of("3", "7", "12", "18", "2.5", "9")),
            Map.entry("person", List.of("Priya", "Marcus", "Elena", "Tom", "Aisha", "Kenji", "Sofia")),
            Map.entry("team", List.of("platform", "growth", "payments", "mobile", "data")),
            Map.entry("minutes", List.of("14", "37", "52", "95")),
            Map.entry("vendor", List.of("Northwind Traders", "Contoso Ltd", "Globex GmbH", "Initech", "Umbrella Supplies", "Stark Office Co", "Acme Paper")),
            Map.entry("invoice", List.of("INV-20931", "INV-77120", "2026-0412", "NW-5581", "CT-00917", "GX/11/2026")),
            Map.entry("currency", List.of("USD", "EUR", "GBP")),
            Map.entry("lines", List.of("2 x Toner cartridge  89.00\n1 x Paper A4 (5 reams)  31.50",
                    "Consulting, 12 h  1,440.00\nTravel  210.00", "Monthly subscription  49.00",
                    "Office chairs x4  996.00\nDelivery  40.00", "Coffee beans 3 kg  74.25")),
            Map.entry("type", List.of("Order", "Invoice", "Customer", "Payment", "Item")),
            Map.entry("method", List.of("sumTotals", "loadAll", "findOrCreate", "processBatch", "dedupe")),
            Map.entry("field", List.of("amount", "price", "id", "quantity", "name")),
            Map.entry("table", List.of("orders", "customers", "invoices", "payments")),
            Map.entry("user_input", List.of("{request.args['id']}")));
}
