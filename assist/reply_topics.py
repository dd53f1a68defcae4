"""What a reply says for each topic of an ask (return, refund, shipping, warranty ...): the sentences the computed
answers and the shop's facts call for, written with :class:`assist.reply_writer.Writer`."""

from __future__ import annotations

from assist.answers import Answer
from assist.models import Order
from assist.policy_facts import PolicyFact
from assist.reply_format import Duration, format_day, quoted
from assist.reply_writer import Writer
from assist.scoped_facts import MAX_LISTED, classes_meant

FOREIGN_QUOTE_MAX = 80  # the longest quote of the policy's words a reply in another language carries (characters)


def _by(answers: list[Answer], key: str, slot: str | None = None) -> Answer | None:
    return next((a for a in answers if a.key == key and (slot is None or a.slot == slot)), None)


def _fact(answers: list[Answer], slot: str) -> Answer | None:
    return _by(answers, "fact", slot)


def _values(answer: Answer) -> list[str]:
    return [str(v) for v in answer.value] if isinstance(answer.value, list) else [str(answer.value)]


def _not_shipped_to(w: Writer, answers: list[Answer]) -> bool:
    """Says where the shop ships when the buyer's place lies in none of its shipping regions (every region the
    policy lists is read, and none holds the place): "We only ship to: Canada. Seattle is not ..."; False (nothing
    said) when the place is in a region, or a region cannot be read."""
    from babel.lists import format_list

    from assist import regions
    from assist.answer_model import fact_answer
    from assist.scoped_facts import served

    where = _by(answers, "order_region")
    if where is None or where.value is not None or w.facts is None:
        return False
    listed = w.facts.all("shipping.regions")
    place = str(where.inputs.get("place") or where.inputs.get("country") or "")
    regional = [f for f in w.facts.facts if f.scope.region and f.slot.startswith(("shipping.", "customs."))]
    regional = [f for f in regional if f.slot != "shipping.regions"]
    if not place or not listed or served(place, listed, w.home, regional) is not False:
        return False
    fact = listed[0]
    names = []
    for value in _values(fact_answer(fact)):  # a country by its CLDR name in the reply's language
        covered = regions.region_countries(value, None, regions.country_of(place)) or set()
        whole = [c for c in covered if len(c) == 2]
        one = whole[0] if len(whole) == 1 and len(covered) == 1 else None
        names.append(
            regions.country_name(one, w.language) if one else regions.region_display(value, w.language, fact.language)
        )
    shown = w.written(str(format_list(names, locale=w.language)))
    country = w.written(regions.country_name(regions.country_of(place), w.language))
    w.notes.append(f"{place} lies in none of the shop's shipping regions ({', '.join(_values(fact_answer(fact)))})")
    return w.say("ships_only_to", [fact_answer(fact)], regions=shown, place=country)


def _dispatch(w: Writer, dispatch: Answer, per_class: Answer | None) -> None:
    """How long until dispatch: each product class's time when the policy states it per class and no item or word
    of the buyer decides one ("3 business days (engraved bats) and 4 business days (name plates)"); a single
    class's time names its class, as it holds for that class alone."""

    def dative(fact: PolicyFact) -> str | None:  # the sentence may want it ("innerhalb von 3 Werktagen (...)")
        duration = w.duration(fact)
        return getattr(duration, "dative", None) or duration

    if per_class is not None and (listed := w.per_class(per_class, dative)):
        w.say("dispatch_time", listed[0], duration=listed[1])
        return
    fact = dispatch.facts[0]
    duration = w.duration(fact)
    if isinstance(duration, Duration) and fact.scope.product_class:
        named = Duration(f"{duration} ({fact.scope.product_class})")
        named.dative = f"{duration.dative} ({fact.scope.product_class})" if duration.dative else None
        duration = named
    w.say("dispatch_time", [dispatch], duration=duration)


def _placed(answers: list[Answer], fact: Answer) -> list[Answer]:
    """The order's region, as the region of ``fact`` (the shop's fact chosen for the order's place, so its region
    holds the place, maybe less narrowly than the order's own: an island's group): a sentence that states a
    region's fact for the order ("Delivery to the islands takes ...") states where the order goes too (cited by
    the passage naming the region: :func:`assist.ask_replies.answer_asks`)."""
    where = _by(answers, "order_region")
    region = fact.facts[0].scope.region if fact.facts else None
    if where is None or not where.value or not region:
        return []
    return [where if region == where.value else where.model_copy(update={"value": region})]


def _per_item(answers: list[Answer]) -> list[Answer]:
    """The warranty dates of an order whose items are in several classes (none when one class decides)."""
    found = [a for a in answers if a.key == "warranty_until" and a.holds is not None and a.facts]
    return found if len(found) > 1 else []


def _warranty_per_item(w: Writer, per_item: list[Answer], order: Order, lang: str) -> None:
    """Each item's own warranty and date ("For “Power Rack”, our warranty of 10 years runs until ...")."""
    for each in per_item:
        cls = each.facts[0].scope.product_class
        fitting = [i.name for i in order.items if w.facts and classes_meant([each.facts[0]], w.facts, [i.name])]
        item = fitting[0] if len(fitting) == 1 else cls
        key = "warranty_until_item" if each.holds else "warranty_ended_item"
        day, duration = format_day(each.value, lang), w.duration(each.facts[0])
        w.say(key, [each], item=quoted([item or ""], lang), date=day, duration=duration)


def _per_payment(w: Writer, per: Answer) -> tuple[list[Answer], Duration] | None:
    """Each payment method's refund time ("24 hours (Idram) and 5 business days"), the method in the shop's words,
    the general time unnamed; in the dative too where the language has one ("innerhalb von 24 Stunden (Idram) und
    5 Werktagen"). None when fewer than two render."""
    from babel.lists import format_list

    from assist.answer_model import fact_answer

    parts = [(f, d) for f in per.facts if (d := w.duration(f))]
    if len(parts) < 2:
        return None

    def listed(forms: list[str]) -> str:
        named = [
            f"{form} ({f.scope.payment_method})" if f.scope.payment_method else form
            for (f, _), form in zip(parts, forms, strict=True)
        ]
        return str(format_list(named, locale=w.language))

    text = Duration(listed([str(d) for _, d in parts]))
    datives = [getattr(d, "dative", None) for _, d in parts]
    if any(datives):
        text.dative = listed([dative or str(d) for dative, (_, d) in zip(datives, parts, strict=True)])
    return [fact_answer(f) for f, _ in parts], text


def _shipping_fee(w: Writer, answers: list[Answer]) -> None:
    """The delivery fee to the buyer's region ("Shipping to Austria costs €6.90."); one per method or weight band
    where the shop prices them apart ("€2.90 (parcel locker) and €4.90 (courier)"), or per region where the place is
    unknown."""
    from babel.lists import format_list

    fee = _fact(answers, "shipping.cost")
    if fee is None or not fee.facts[0].scope.region:
        # the place unknown: each region's fee; a fee read without its region is no fee for every place
        if listed := w.per_region("shipping.cost", lambda x: _fee_of(w, x)):
            w.say("shipping_fee_general", listed[0], amount=listed[1])
            return
        if fee is None:
            return
    per_class = _by(answers, "by_class", "shipping.cost")
    if per_class is not None and len({x.scope.region for x in per_class.facts}) > 1:
        # the fees of several regions: no place decides one, so each region's, named ("MNT 12,000 (aimag centres)")
        if listed := w.per_class(per_class, lambda x: _fee_of(w, x)):
            w.say("shipping_fee_general", listed[0], amount=listed[1])
        return
    facts = per_class.facts if per_class else fee.facts[:1]
    amounts = [w.money(x) for x in facts]
    if any(a is None for a in amounts):
        return
    if len(facts) > 1:
        amount = str(
            format_list(
                [f"{a} ({x.scope.product_class})" for a, x in zip(amounts, facts, strict=True)], locale=w.language
            )
        )
    else:
        amount = str(amounts[0])
    region = w.region(fee.facts[0])
    cited = [fee, *([per_class] if per_class else []), *_placed(answers, fee)]
    w.say("shipping_fee" if region else "shipping_fee_general", cited, region=region or "", amount=amount)


def _fee_of(w: Writer, fact: PolicyFact) -> str | None:
    """A fee with what it is for where the shop prices methods or weight bands apart ("€2.90 – parcel locker")."""
    amount = w.money(fact)
    return f"{amount} – {fact.scope.product_class}" if amount and fact.scope.product_class else amount


def _verdict(w: Writer, answer: Answer | None) -> Answer | None:
    """``answer`` when it gives a verdict; None when a rival fact took its verdict away (``holds`` None:
    :func:`assist.answers.doubted`), its note then kept for the agent."""
    if answer is not None and answer.holds is None:
        w.notes.append(answer.note)
        return None
    return answer


def write_topic(w: Writer, topic: str, answers: list[Answer], order: Order | None) -> None:  # noqa: C901
    f, by = (lambda s: _fact(answers, s)), (lambda k, s=None: _by(answers, k, s))
    lang = w.language
    if topic in ("order_status", "shipping_time") and order is None and _not_shipped_to(w, answers):
        pass  # no delivery time to a place the shop does not ship to: where it does ship
    elif topic in ("order_status", "shipping_time"):
        cancelled = f("cancellation.refund_time") if order is not None and order.status == "cancelled" else None
        if topic == "order_status" and cancelled:  # a cancelled order's status: when its money comes back
            w.say("cancel_refund", [cancelled], duration=w.duration(cancelled.facts[0]))
        transit, carrier = f("shipping.transit_time"), f("shipping.carrier")
        # a delivered order's transit time answers only a "how long does delivery take?" (a new order)
        if transit and (topic == "shipping_time" or order is None or order.status in ("processing", "shipped")):
            dur, region = w.duration(transit.facts[0]), w.region(transit.facts[0])
            class_times = by("by_class", "shipping.transit_time")
            if class_times is not None and (listed := w.per_class(class_times, w.duration)):
                # each class's (or unread region's) time; the carrier may differ by class: none is named
                if region and len({a.facts[0].scope.region for a in listed[0]}) == 1:
                    w.say("transit_nocarrier", listed[0], region=region, duration=listed[1])
                else:
                    w.say("transit_general", listed[0], duration=listed[1])
            elif (
                region
                and carrier
                and not w.say(
                    "transit",
                    [transit, carrier, *_placed(answers, transit)],
                    region=region,
                    duration=dur,
                    carrier=w.carrier(carrier),
                )
            ):
                w.say("transit_nocarrier", [transit, *_placed(answers, transit)], region=region, duration=dur)
            elif region and not carrier:
                w.say("transit_nocarrier", [transit, *_placed(answers, transit)], region=region, duration=dur)
            elif not region:
                w.say("transit_general", [transit], duration=dur)
        elif not transit and (topic == "shipping_time" or order is None):
            if listed := w.per_region("shipping.transit_time", w.duration):
                w.say("transit_general", listed[0], duration=listed[1])
            elif topic == "shipping_time" and w.place_known and not _not_shipped_to(w, answers):
                place = w.region_name or w.place or "the buyer's place"  # no region the code reads holds the place
                if listed := w.per_region("shipping.transit_time", w.duration, unplaced=True):
                    w.say("transit_general", listed[0], duration=listed[1])  # each region that may hold it
                    w.notes.append(f"no region of the shop's policy is read as holding {place}: each region's time")
                else:
                    w.unanswered.append(f"no policy fact gives the transit time to {place}")
        if topic == "shipping_time" or order is None:  # with no order, "when does it ship?" asks the dispatch too
            if cutoff := f("shipping.dispatch_cutoff"):
                w.say("dispatch_cutoff", [cutoff], time=cutoff.value)
        if topic == "shipping_time" or order is None or order.status == "processing":  # not shipped yet: when it will
            if dispatch := f("shipping.dispatch_time"):
                _dispatch(w, dispatch, by("by_class", "shipping.dispatch_time"))
    elif topic in ("shipping_cost", "customs") and _not_shipped_to(w, answers):
        pass  # no cost, threshold or duty to state for a place the shop does not ship to: where it does ship
    elif topic == "shipping_cost":
        _shipping_fee(w, answers)
        if free := f("shipping.free_threshold"):
            region = w.region(free.facts[0])
            key = "free_shipping" if region else "free_shipping_general"
            w.say(key, [free, *_placed(answers, free)], region=region or "", amount=w.money(free.facts[0]))
        elif listed := w.per_region("shipping.free_threshold", w.money):
            w.say("free_shipping_general", listed[0], amount=listed[1])
    elif topic == "customs":
        paid = f("customs.paid_by")
        if paid:
            region = w.region(paid.facts[0])
            if region:
                w.say(f"customs_{paid.value}", [paid, *_placed(answers, paid)], region=region)
            else:
                w.say(f"customs_{paid.value}_general", [paid])
        if threshold := f("customs.threshold"):
            w.say("customs_threshold", [threshold], amount=w.money(threshold.facts[0]))
    elif topic == "return":
        excluded = by("excluded_items")
        if excluded and excluded.holds and order is not None:
            names = [i.name for i in order.items if i.sku in excluded.value]
            phrases = list(dict.fromkeys(excluded.value.values()))
            w.say("return_excluded", [excluded], items=quoted(names, lang), phrases=quoted(phrases, lang))
        if order is None and (classes := f("returns.excluded")):  # no item yet: the classes the ask names
            w.say("return_excluded_named", [classes], phrases=quoted(_values(classes), lang))
        opened = by("excluded_if_opened")
        if opened and order is not None:
            names = [i.name for i in order.items if i.sku in opened.value]
            phrases = list(dict.fromkeys(opened.value.values()))
            condition, says = opened.inputs.get("condition", "opened"), opened.inputs.get("buyer_says")
            # the buyer says it was opened or used: it cannot be returned for that reason; else the condition
            w.say(
                f"return_refused_{condition}" if says == "broken" else f"return_excluded_{condition}",
                [opened],
                items=quoted(names, lang),
                phrases=quoted(phrases, lang),
                count=len(names),
            )
        deadline, window = by("return_deadline"), f("returns.window")
        starts = f("returns.window_starts")
        event_key = str(starts.value) if starts else "delivery"
        event = w.data["words"]["window_starts"].get(event_key)
        if deadline and deadline.holds is None and window:  # a rival fact would give the other verdict: the rule only
            w.say(
                "return_window",
                [window] + ([starts] if starts else []),
                duration=w.duration(window.facts[0]),
                event=event,
            )
            w.notes.append(deadline.note)
        elif (
            deadline
            and window
            and deadline.value
            and not (
                deadline.holds
                and excluded
                and excluded.holds
                and len(excluded.value) == len(order.items if order else [])
            )
        ):
            dur = w.duration(window.facts[0])
            used = [deadline] + ([starts] if starts else [])
            if deadline.holds:
                w.say("return_until", used, date=format_day(deadline.value, lang), duration=dur, event=event)
            else:
                w.say("return_ended", used, date=format_day(deadline.value, lang), duration=dur)
        elif window and not (deadline and deadline.value) and not _all_excluded(excluded, order):
            w.say(
                "return_window",  # not delivered yet: the window, and that a return will be open (the deadline's .open)
                [window] + ([starts] if starts else []) + ([deadline] if deadline and deadline.holds else []),
                duration=w.duration(window.facts[0]),
                event=event,
            )
        conditions = f("returns.conditions")
        if conditions and not w.own_fault and (deadline is None or deadline.holds is not False):
            if not _all_excluded(excluded, order):  # the state a change-of-mind return must be in
                w.say("return_conditions", [conditions], list=w.words(_values(conditions), "return_condition"))
        if w.own_fault:  # a defective or damaged item: the shop's own-fault rule, never "you pay the return"
            if when := f("returns.shop_pays_when"):
                w.say("return_shop_pays_when", [when], list=w.words(_values(when), "shop_pays_when", "or"))
        elif (deadline is None or deadline.holds is not False) and f("returns.shipping_paid_by"):
            _return_cost(w, answers, with_amount=False)
    elif topic == "return_cost":
        if w.own_fault:
            if when := f("returns.shop_pays_when"):
                w.say("return_shop_pays_when", [when], list=w.words(_values(when), "shop_pays_when", "or"))
        else:
            _return_cost(w, answers, with_amount=True)
    elif topic == "refund":
        if expected := by("refund_expected"):
            w.say("refund_expected", [expected], date=format_day(expected.value, lang))
        if (per := by("by_payment", "refunds.time")) and (listed := _per_payment(w, per)):
            w.say("refund_time_plain", listed[0], duration=listed[1])
        elif time := f("refunds.time"):
            starts = f("refunds.time_starts")
            event = w.data["words"]["time_starts"].get(str(starts.value)) if starts else None
            if not (
                starts
                and event
                and w.say("refund_time", [time, starts], duration=w.duration(time.facts[0]), event=event)
            ):
                w.say("refund_time_plain", [time], duration=w.duration(time.facts[0]))
        cancelled_order = order is not None and order.status in ("cancelled", "processing")
        if (cancelled := f("cancellation.refund_time")) and (cancelled_order or not by("refund_expected")):
            w.say("cancel_refund", [cancelled], duration=w.duration(cancelled.facts[0]))
        if method := f("refunds.method"):
            w.say("refund_method", [method], method=w.data["words"]["refund_method"].get(str(method.value)))
    elif topic in ("damage", "wrong_item"):
        until, window = by("damage_report_until"), f("damage.report_window")
        wrong_until, wrong_window = by("wrong_item_report_until"), f("wrong_item.report_window")
        if topic == "wrong_item" and wrong_window:  # the shop's own window for wrong or missing items
            # the same deadline as for damage: one sentence states both
            same = [until] if until and wrong_until and until.value == wrong_until.value else []
            until, window = None, None
            wrong_until = _verdict(w, wrong_until)
            if wrong_until:
                key = "wrong_until" if wrong_until.holds else "wrong_ended"
                dur = w.duration(wrong_window.facts[0])
                w.say(key, [wrong_until, *same], date=format_day(wrong_until.value, lang), duration=dur)
            else:
                w.say("wrong_window", [wrong_window], duration=w.duration(wrong_window.facts[0]))
        until = _verdict(w, until)
        if until and window:
            key = "damage_until" if until.holds else "damage_ended"
            w.say(key, [until], date=format_day(until.value, lang), duration=w.duration(window.facts[0]))
            warranty = by("warranty_until")
            if not until.holds and _per_item(answers) and order is not None:  # items of several classes: each one's
                _warranty_per_item(w, _per_item(answers), order, lang)
            elif not until.holds and warranty and warranty.holds and warranty.facts:  # a defect found later
                duration = w.duration(warranty.facts[0])
                w.say("warranty_until", [warranty], date=format_day(warranty.value, lang), duration=duration)
        elif window:
            w.say("damage_window", [window], duration=w.duration(window.facts[0]))
        if evidence := f("damage.evidence"):
            w.say("damage_evidence", [evidence], list=w.words(_values(evidence), "evidence"))
        if topic == "damage":
            required = f("damage.return_required")
            if required is not None:
                w.say("damage_return" if required.value else "damage_no_return", [required])
            if remedy := f("damage.remedy"):
                w.say("damage_remedy", [remedy], list=w.words(_values(remedy), "remedy", "or"))
        elif when := f("returns.shop_pays_when"):
            w.say("return_shop_pays_when", [when], list=w.words(_values(when), "shop_pays_when", "or"))
    elif topic == "warranty":
        until, length = by("warranty_until"), f("warranty.length")
        until = _verdict(w, until)
        per_item = _per_item(answers)
        if until and length and per_item and order is not None:
            _warranty_per_item(w, per_item, order, lang)  # items of several classes: each one's own warranty and date
        elif until and length:
            key = "warranty_until" if until.holds else "warranty_ended"
            w.say(key, [until], date=format_day(until.value, lang), duration=w.duration(until.facts[0]))
            classes = by("by_class", "warranty.length")
            if classes is not None and (listed := w.per_class(classes, w.duration)):
                w.say("warranty_by_class", listed[0], list=listed[1])  # the ask names parts of several classes
        elif length and length.facts[0].scope.product_class and order is None and w.facts is not None:
            # the ask names a class and there is no order: that class's warranty in its name, never as every
            # product's; where the shop gives no general warranty, each other class's too (the ask may mean several)
            named, classed = length.facts[0], [f for f in w.facts.all("warranty.length") if f.scope.product_class]
            general = [f for f in w.facts.all("warranty.length") if not f.scope.product_class]
            _classes_listed(w, [named] if general else [named, *classed], "warranty_by_class")
        elif length:
            w.say("warranty_length", [length], duration=w.duration(length.facts[0]))
            if order is None and not length.facts[0].scope.product_class and w.facts is not None:
                _classes_listed(w, [f for f in w.facts.all("warranty.length") if f.scope.product_class])
        elif w.facts is not None and (by_class := [f for f in w.facts.all("warranty.length") if f.scope.product_class]):
            from babel.lists import format_list

            from assist.answer_model import fact_answer

            # no item tells the class: each class's warranty, in the shop's words ("1 year (万年筆)")
            parts = [(f, w.duration(f)) for f in by_class[:MAX_LISTED]]
            per_class = format_list([f"{d} ({f.scope.product_class})" for f, d in parts if d], locale=lang)
            w.say("warranty_by_class", [fact_answer(f) for f, d in parts if d], list=str(per_class))
        if (excludes := f("warranty.excludes")) and w.out:  # "is it covered?": what the warranty never covers
            phrases, written_in = _values(excludes), excludes.facts[0].language if excludes.facts else None
            if written_in in (None, lang) or sum(len(p) for p in phrases) <= FOREIGN_QUOTE_MAX:
                w.say("warranty_excludes", [excludes], phrases=quoted(phrases, lang))
            else:  # a long passage in the policy's language would drown the reply: the agent gets it instead
                w.notes.append(
                    f"warranty exclusions, not quoted (the policy's words, in {written_in}): {'; '.join(phrases)}"
                )
    elif topic == "cancel":
        possible, rule = by("cancel_possible"), f("cancellation.rule")
        possible = _verdict(w, possible)
        if possible and order is not None:
            window = f("cancellation.window")
            if possible.holds:
                w.say("cancel_yes", [possible])
            elif order.status == "cancelled":
                w.say("cancel_already", [possible])
            elif rule and rule.value == "not_allowed":
                w.say("cancel_not_allowed", [possible])
            elif order.status == "processing" and window:
                w.say("cancel_window_over", [possible], duration=w.duration(window.facts[0]))
            else:
                w.say("cancel_no_shipped", [possible])
        elif rule:
            window = f("cancellation.window")
            if rule.value == "within_window" and window:
                w.say("cancel_rule_within_window", [rule, window], duration=w.duration(window.facts[0]))
            elif rule.value == "before_shipping":
                w.say("cancel_rule_before_shipping", [rule])
            elif rule.value == "not_allowed":
                w.say("cancel_not_allowed", [rule])
        refund = f("cancellation.refund_time")
        if refund and (possible is None or possible.holds or (order is not None and order.status == "cancelled")):
            w.say("cancel_refund", [refund], duration=w.duration(refund.facts[0]))
    elif topic == "address_change":
        possible, rule = by("address_change_possible"), f("address_change.rule")
        possible = _verdict(w, possible)
        if possible:
            # the verdict says why ("not shipped yet, so ..."): where the rule is "before shipping", it states the rule
            said = [possible, rule] if rule and rule.value == "before_shipping" else [possible]
            w.say("address_yes" if possible.holds else "address_no", said)
        elif rule and rule.value == "before_shipping":
            w.say("address_rule_before_shipping", [rule])
        elif rule and rule.value == "not_allowed":
            w.say("address_not_allowed", [rule])
    elif topic == "lost":
        wait = f("lost.not_received_wait")
        if wait and (order is None or order.status == "delivered"):
            w.say("lost_not_received", [wait], duration=w.duration(wait.facts[0]))
        report = f("lost.report_after")
        if report and (order is None or order.status != "delivered"):
            w.say("lost_report", [report], duration=w.duration(report.facts[0]))
        if trace := f("lost.trace_time"):
            w.say("lost_trace", [trace], duration=w.duration(trace.facts[0]))
        if outcome := f("lost.outcome"):
            w.say("lost_outcome", [outcome], list=w.words(_values(outcome), "remedy", "or"))
    elif topic == "price_adjustment":
        allowed, window, still = f("prices.adjustment"), f("prices.adjustment_window"), by("price_adjustment_open")
        if allowed is not None and allowed.value is False:
            w.say("price_no_adjust", [allowed])
        elif window:
            w.say(
                "price_adjust_window", [window, *([allowed] if allowed else [])], duration=w.duration(window.facts[0])
            )
            still = _verdict(w, still)
            if still and order is not None:
                key = "price_adjust_open" if still.holds else "price_adjust_over"
                placed, ends = format_day(order.placed_at.date(), lang), format_day(str(still.value), lang)
                w.say(key, [still], date=placed, until=ends)
    elif topic == "discount_code":
        window, still = f("prices.code_after_purchase"), by("code_window_open")
        if window:
            w.say("code_window", [window], duration=w.duration(window.facts[0]))
            still = _verdict(w, still)
            if still and order is not None:
                placed, ends = format_day(order.placed_at.date(), lang), format_day(str(still.value), lang)
                w.say("code_open" if still.holds else "code_over", [still], date=placed, until=ends)
    elif topic == "price_match":
        if match := f("prices.price_match"):
            w.say("price_match" if match.value else "price_no_match", [match])


def _return_cost(w: Writer, answers: list[Answer], *, with_amount: bool) -> None:
    paid = _fact(answers, "returns.shipping_paid_by")
    if paid is None:
        return
    if paid.value == "shop":
        w.say("return_cost_shop", [paid])
        return
    w.say("return_cost_buyer", [paid])
    cost = _fact(answers, "returns.shipping_cost")
    if with_amount and cost:
        w.say("return_cost_amount", [cost], amount=w.money(cost.facts[0]))
    elif with_amount and (listed := w.per_region("returns.shipping_cost", w.money)):
        w.say("return_cost_amount", listed[0], amount=listed[1])  # no place yet: each region's label price
    when = _fact(answers, "returns.shop_pays_when")
    if with_amount and when:
        w.say("return_shop_pays_when", [when], list=w.words(_values(when), "shop_pays_when", "or"))


def _all_excluded(excluded: Answer | None, order: Order | None) -> bool:
    """Whether every item of the order is excluded from returns (no window to state for it)."""
    return bool(order and excluded and excluded.holds and len(excluded.value) == len(order.items))


def _classes_listed(w: Writer, classed: list[PolicyFact], key: str = "warranty_other_classes") -> None:
    """Warranties per product class, each in the shop's words ("3 years (sewing machines)"): by default those some
    classes have beside the general one, when nothing tells which product the buyer means (no order, no class in
    the ask's words), so the reply never gives the general length as the only answer for a product with its own."""
    from babel.lists import format_list

    from assist.answer_model import fact_answer

    parts: list[tuple[PolicyFact, str]] = []
    for fact in classed:
        duration = w.duration(fact)
        if duration and all(fact.scope.product_class != f.scope.product_class for f, _ in parts):
            parts.append((fact, duration))
    if parts:
        listed = format_list([f"{d} ({f.scope.product_class})" for f, d in parts[:MAX_LISTED]], locale=w.language)
        w.say("warranty_other_classes", [fact_answer(f) for f, _ in parts[:MAX_LISTED]], list=str(listed))
