import { asBool, asString, attr, blocks, field, hasDynamicBlocks } from '../../model/access';
import type { NestedBlock, Range, Resource, Value } from '../../model/types';
import { indentUnit, insertIntoTerraformBody, lineIndent, replaceCloudFormationProperty, replaceValue } from '../fixkit';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

const NOT_HTTP = ['HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE'];

type Tri = 'yes' | 'no' | 'unknown';

/**
 * The listener's protocol: as written, or HTTP when omitted on an Application Load Balancer (the
 * provider and API default). An omitted protocol on a load balancer we cannot see stays unknown:
 * Gateway Load Balancer listeners have no protocol at all.
 */
function listenerIsHttp(resource: Resource, ctx: CheckContext, protocolName: string, lbName: string, lbTypes: string[], lbTypeName: string): Tri {
  const protocol = attr(resource.body, protocolName);
  if (protocol) {
    const p = asString(protocol.value);
    if (p === undefined) return 'unknown';
    if (p.toUpperCase() === 'HTTP') return 'yes';
    return NOT_HTTP.includes(p.toUpperCase()) ? 'no' : 'unknown';
  }
  const lbRefs = attr(resource.body, lbName)?.value.refs ?? [];
  for (const ref of lbRefs) {
    const lb = ctx.resolve(ref);
    if (!lb || !lbTypes.includes(lb.type)) continue;
    const typeAttr = attr(lb.body, lbTypeName);
    if (!typeAttr) return 'yes'; // load balancers default to "application"
    const t = asString(typeAttr.value);
    if (t === undefined) return 'unknown';
    return t === 'application' ? 'yes' : 'no';
  }
  return 'unknown';
}

/** The listener's load balancer when it is in this module and known to be internal (not internet-facing). */
function internalLoadBalancer(resource: Resource, ctx: CheckContext, lbName: string): Resource | undefined {
  for (const ref of attr(resource.body, lbName)?.value.refs ?? []) {
    const lb = ctx.resolve(ref);
    if (!lb) continue;
    if (lb.format === 'terraform' && asBool(attr(lb.body, 'internal')?.value) === true) return lb;
    if (lb.format === 'cloudformation' && asString(attr(lb.body, 'Scheme')?.value) === 'internal') return lb;
  }
  return undefined;
}

interface ActionView {
  type: Value | undefined;
  redirectProtocol: { value: Value | undefined; present: boolean };
  range: Range;
}

/** What the default actions do with a plain-HTTP request. */
function verdictOf(actions: ActionView[]): { verdict: Tri | 'fixed-response'; offending?: ActionView } {
  let fixedResponse = false;
  let unknown = false;
  for (const a of actions) {
    const t = asString(a.type)?.toLowerCase();
    if (t === undefined) {
      unknown = true;
      continue;
    }
    if (t === 'redirect') {
      const protocol = a.redirectProtocol.present ? asString(a.redirectProtocol.value) : '#{protocol}';
      if (protocol === undefined) unknown = true;
      else if (protocol.toUpperCase() === 'HTTPS') return { verdict: 'no' };
      else return { verdict: 'yes', offending: a }; // redirect that keeps (or sets) plain HTTP
    } else if (t === 'fixed-response') fixedResponse = true;
    else if (t === 'forward' || t.startsWith('authenticate-')) return { verdict: 'yes', offending: a };
    else unknown = true;
  }
  if (unknown) return { verdict: 'unknown' };
  return { verdict: fixedResponse ? 'fixed-response' : 'unknown' };
}

/** Listener rules in the module that forward requests arriving on this (HTTP) listener. */
function forwardingRules(ctx: CheckContext, listener: Resource, ruleTypes: string[], describe: (r: Resource) => Tri): { forwarding: Resource[]; unknown: boolean } {
  const forwarding: Resource[] = [];
  let unknown = false;
  for (const type of ruleTypes) {
    for (const r of ctx.referencesToOfType(listener, type)) {
      const d = describe(r);
      if (d === 'yes') forwarding.push(r);
      else if (d === 'unknown') unknown = true;
    }
  }
  return { forwarding, unknown };
}

function tfRuleForwards(r: Resource): Tri {
  if (hasDynamicBlocks(r.body, 'action')) return 'unknown';
  const views = blocks(r.body, 'action').map(tfActionView);
  return verdictOf(views).verdict === 'yes' ? 'yes' : views.some((v) => asString(v.type) === undefined) ? 'unknown' : 'no';
}

function tfActionView(b: NestedBlock): ActionView {
  const redirect = blocks(b.body, 'redirect')[0];
  const protocol = redirect ? attr(redirect.body, 'protocol') : undefined;
  return { type: attr(b.body, 'type')?.value, redirectProtocol: { value: protocol?.value, present: !!protocol }, range: b.headerRange };
}

function cfnActionView(item: Value): ActionView {
  const redirect = field(item, 'RedirectConfig');
  const protocol = field(redirect, 'Protocol');
  return { type: field(item, 'Type'), redirectProtocol: { value: protocol, present: protocol !== undefined }, range: item.range };
}

function cfnActions(value: Value | undefined): ActionView[] | undefined {
  if (!value || value.kind !== 'list') return undefined;
  const out: ActionView[] = [];
  for (const item of value.items) {
    if (item.kind !== 'object') return undefined;
    out.push(cfnActionView(item));
  }
  return out;
}

function cfnRuleForwards(r: Resource): Tri {
  const actions = cfnActions(attr(r.body, 'Actions')?.value);
  if (!actions) return 'unknown';
  return verdictOf(actions).verdict === 'yes' ? 'yes' : actions.some((v) => asString(v.type) === undefined) ? 'unknown' : 'no';
}

/** CloudFormation: replace a single serving `DefaultActions` entry with a permanent redirect to HTTPS on 443. */
function cfnRedirectFix(ctx: CheckContext, resource: Resource): Fix | undefined {
  const actions = attr(resource.body, 'DefaultActions');
  if (!actions || actions.value.kind !== 'list' || actions.value.items.length !== 1) return undefined;
  const edit = replaceCloudFormationProperty(ctx, resource, actions, [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }]);
  return edit ? { title: 'Redirect HTTP to HTTPS (port 443, 301) instead of serving it', safety: 'suggestion', edits: [edit] } : undefined;
}

/** Replace the single `default_action` block with a permanent redirect to HTTPS on 443. */
function redirectFix(ctx: CheckContext, resource: Resource, block: NestedBlock): Fix {
  const text = ctx.fileText(resource.file);
  const indent = lineIndent(text, block.range.start.offset);
  const unit = indentUnit(text);
  const lines = [
    'default_action {',
    `${unit}type = "redirect"`,
    '',
    `${unit}redirect {`,
    `${unit}${unit}port        = "443"`,
    `${unit}${unit}protocol    = "HTTPS"`,
    `${unit}${unit}status_code = "HTTP_301"`,
    `${unit}}`,
    '}',
  ];
  const newText = lines.map((l, i) => (i === 0 || l === '' ? l : indent + l)).join('\n');
  return {
    title: 'Redirect HTTP to HTTPS (port 443, 301) instead of serving it',
    safety: 'suggestion',
    edits: [{ file: resource.file, range: block.range, newText }],
  };
}

/** Turn the default-action verdict (and, for fixed responses, the listener rules) into a result. */
function decide(
  resource: Resource,
  verdict: Tri | 'fixed-response',
  offending: ActionView | undefined,
  rules: () => { forwarding: Resource[]; unknown: boolean },
  fix?: Fix,
): CheckResult {
  if (verdict === 'no') return result.pass(resource);
  if (verdict === 'unknown') return result.skip(resource, 'default action not known statically');
  if (verdict === 'yes') {
    const t = asString(offending?.type)?.toLowerCase();
    const message = t === 'redirect' ? 'HTTP listener redirects without switching to HTTPS' : undefined;
    return result.fail(resource, offending?.range ?? resource.headerRange, { message, fixes: fix ? [fix] : [] });
  }
  // fixed-response default: compliant unless a listener rule forwards plain HTTP to targets.
  const { forwarding, unknown } = rules();
  if (forwarding.length) {
    const protocolAttr = attr(resource.body, resource.format === 'terraform' ? 'protocol' : 'Protocol');
    return result.fail(resource, protocolAttr?.range ?? resource.headerRange, {
      message: `HTTP listener forwards requests in cleartext through listener rule ${forwarding[0].address}`,
    });
  }
  return unknown ? result.skip(resource, 'listener rules not known statically') : result.pass(resource);
}

/**
 * Make an existing redirect switch to HTTPS: set `protocol = "HTTPS"` and, when the port would stay
 * the request's own (the default `#{port}`), `port = "443"`. Host, path and query are kept.
 */
function httpsRedirectFix(ctx: CheckContext, resource: Resource, action: NestedBlock): Fix | undefined {
  const redirect = blocks(action.body, 'redirect')[0];
  if (!redirect) return undefined;
  const edits: Fix['edits'] = [];
  const missing: string[] = [];
  const protocol = attr(redirect.body, 'protocol');
  if (protocol) edits.push(replaceValue(resource.file, protocol, '"HTTPS"'));
  else missing.push('protocol = "HTTPS"');
  const port = attr(redirect.body, 'port');
  if (!port) missing.push('port = "443"');
  else if (asString(port.value) === '#{port}') edits.push(replaceValue(resource.file, port, '"443"'));
  if (missing.length) edits.push(insertIntoTerraformBody(ctx, resource.file, redirect.body, redirect.headerRange.start.offset, missing));
  return { title: 'Redirect to HTTPS instead of plain HTTP', safety: 'suggestion', edits };
}

/**
 * An HTTP listener either redirects to HTTPS or does not serve content. Listeners on other protocols
 * (HTTPS, and NLB/GWLB protocols) and listeners of load balancers known to be internal are not
 * applicable. A fixed-response default is compliant unless a listener rule in the same module
 * forwards HTTP requests to targets.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-lb-listener-https-or-redirect',
    title: 'Load balancer HTTP listener redirects to HTTPS',
    failMessage: 'HTTP listener serves traffic in cleartext instead of redirecting to HTTPS',
    rationale:
      'A listener that forwards plain HTTP to the application sends credentials, session cookies and personal data across the internet unencrypted, where anyone on the path can read or change them. Keeping port 80 open only to answer with a redirect to HTTPS preserves old links and bookmarks while ensuring that every request carrying data travels over TLS.',
    remediation:
      'Change the HTTP listener\'s default action to `type = "redirect"` with `redirect { protocol = "HTTPS", port = "443", status_code = "HTTP_301" }` (CloudFormation: `Type: redirect`, `RedirectConfig: { Protocol: HTTPS, Port: "443", StatusCode: HTTP_301 }`), and serve the application from an HTTPS listener.',
    severity: 'high',
    themes: ['encryption-in-transit'],
    resourceTypes: {
      terraform: ['aws_lb_listener', 'aws_alb_listener'],
      cloudformation: ['AWS::ElasticLoadBalancingV2::Listener'],
    },
    peers: {
      checkov: ['CKV_AWS_2', 'CKV2_AWS_20'],
      trivy: ['AVD-AWS-0054', 'aws-elb-http-not-used'],
      kics: ['ALB Listening on HTTP'],
      guard: ['ELBV2_LISTENER_PROTOCOL_RULE'],
    },
  },
  check: {
    terraform(resource, ctx) {
      if (resource.kind !== 'resource') return result.skip(resource, 'data source');
      const http = listenerIsHttp(resource, ctx, 'protocol', 'load_balancer_arn', ['aws_lb', 'aws_alb'], 'load_balancer_type');
      if (http === 'no') return result.skip(resource, 'not an HTTP listener');
      if (http === 'unknown') return result.skip(resource, 'listener protocol is not known statically');
      const internal = internalLoadBalancer(resource, ctx, 'load_balancer_arn');
      if (internal) return result.skip(resource, `${internal.address} is internal: traffic does not cross the internet`);
      if (hasDynamicBlocks(resource.body, 'default_action')) return result.skip(resource, 'dynamic default_action');
      const actionBlocks = blocks(resource.body, 'default_action');
      const { verdict, offending } = verdictOf(actionBlocks.map(tfActionView));
      let fix: Fix | undefined;
      if (actionBlocks.length === 1 && verdict === 'yes') {
        const isRedirect = asString(attr(actionBlocks[0].body, 'type')?.value)?.toLowerCase() === 'redirect';
        fix = isRedirect ? httpsRedirectFix(ctx, resource, actionBlocks[0]) : redirectFix(ctx, resource, actionBlocks[0]);
      }
      return decide(resource, verdict, offending, () => forwardingRules(ctx, resource, ['aws_lb_listener_rule', 'aws_alb_listener_rule'], tfRuleForwards), fix);
    },
    cloudformation(resource, ctx) {
      const http = listenerIsHttp(resource, ctx, 'Protocol', 'LoadBalancerArn', ['AWS::ElasticLoadBalancingV2::LoadBalancer'], 'Type');
      if (http === 'no') return result.skip(resource, 'not an HTTP listener');
      if (http === 'unknown') return result.skip(resource, 'listener protocol is not known statically');
      const internal = internalLoadBalancer(resource, ctx, 'LoadBalancerArn');
      if (internal) return result.skip(resource, `${internal.address} is internal: traffic does not cross the internet`);
      const actions = cfnActions(attr(resource.body, 'DefaultActions')?.value);
      if (!actions) return result.skip(resource, 'DefaultActions not known statically');
      const { verdict, offending } = verdictOf(actions);
      // An existing redirect keeps its target (host, path); only a serving action is replaced.
      const serving = verdict === 'yes' && actions.length === 1 && asString(actions[0].type)?.toLowerCase() !== 'redirect';
      const fix = serving ? cfnRedirectFix(ctx, resource) : undefined;
      return decide(resource, verdict, offending, () => forwardingRules(ctx, resource, ['AWS::ElasticLoadBalancingV2::ListenerRule'], cfnRuleForwards), fix);
    },
  },
};
