import { useForm } from "@conform-to/react";
import type { z } from "zod";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaffRegion } from "~/auth/guards.server";
import { isStaffAdmin } from "~/auth/roles";
import { collectErrors, ErrorSummary, SubmitButton, TextField } from "~/components/forms";
import { StaffNav } from "~/components/StaffNav";
import { formatDate } from "~/lib/dates";
import { db } from "~/lib/db.server";
import { CreateVisionSchema } from "~/visions/schema.server";
import { createVision, listVisions } from "~/visions/visions.server";

export const meta: MetaFunction = () => [{ title: "Visies — Beheer — Herleidbaar" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer, region } = await requireStaffRegion(request, context);
  const rows = await listVisions(db(), region.id);
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    visions: rows.map((v) => ({ id: v.id, title: v.title, createdAt: formatDate(v.createdAt) })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { viewer, region } = await requireStaffRegion(request, context);
  const submission = parseWithZod(await request.formData(), { schema: CreateVisionSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const result = await createVision(db(), viewer.user.id, region.id, submission.value);
  if (!result.ok) return { result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }) };
  throw redirect(`/beheer/visies/${result.vision.id}`);
}

export default function StaffVisionsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof CreateVisionSchema>>({
    lastResult: actionData?.result,
  });
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <h1 className="utrecht-heading-1">Visies</h1>
      {data.visions.length === 0 ? (
        <p className="utrecht-paragraph">Er is nog geen visie. Begin hieronder met een nieuwe visie.</p>
      ) : (
        <ul className="utrecht-unordered-list">
          {data.visions.map((v) => (
            <li key={v.id} className="utrecht-unordered-list__item">
              <a className="utrecht-link" href={`/beheer/visies/${v.id}`}>
                {v.title}
              </a>{" "}
              <span className="muted">(aangemaakt op {v.createdAt})</span>
            </li>
          ))}
        </ul>
      )}
      <h2 className="utrecht-heading-2">Nieuwe visie</h2>
      <ErrorSummary errors={collectErrors(form.errors, [fields.title, fields.slug])} />
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="form-stack">
        <TextField field={fields.title} label="Titel" />
        <TextField field={fields.slug} label="Webadresnaam" description="Kleine letters, cijfers en streepjes, bijvoorbeeld regiovisie-2026-2030." />
        <SubmitButton>Visie aanmaken</SubmitButton>
      </Form>
    </>
  );
}
