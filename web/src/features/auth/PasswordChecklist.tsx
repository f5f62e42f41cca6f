import { Box, Group, Text, VisuallyHidden } from "@mantine/core";
import { checkPassword, PASSWORD_RULES, type PasswordContext, type PasswordViolation } from "@otmetka/core/rules/password.ts";
import { useTranslation } from "react-i18next";

/**
 * The password policy as a checklist that ticks off while the person types: the same
 * `checkPassword` the server runs, so what is ticked here is what the server accepts.
 * Rules about personal data show only when the form knows that data; "too long" only when broken.
 */
export function PasswordChecklist({ password, context, id }: { password: string; context: PasswordContext; id?: string }) {
  const { t } = useTranslation();
  const broken = new Set(checkPassword(password, context));
  const rules = PASSWORD_RULES.filter((rule) => isShown(rule, context, broken));
  return (
    <Box id={id}>
      <Text size="sm" fw={500} mb={4}>
        {t("passwordRules.title")}
      </Text>
      <Box component="ul" m={0} p={0} style={{ listStyle: "none" }}>
        {rules.map((rule) => {
          const met = password.length > 0 && !broken.has(rule);
          const failed = password.length > 0 && broken.has(rule);
          return (
            <Group component="li" key={rule} gap={6} wrap="nowrap" align="flex-start">
              <Text
                span
                size="sm"
                c={met ? "teal.8" : failed ? "red.8" : "dimmed"}
                aria-hidden="true"
                w={16}
                ta="center"
                fw={700}
                style={{ flexShrink: 0 }}
              >
                {met ? "✓" : failed ? "✗" : "•"}
              </Text>
              <Text span size="sm" c={met ? undefined : failed ? "red.8" : "dimmed"}>
                {t(`passwordRules.${rule}`)}
                <VisuallyHidden>{` — ${met ? t("passwordRules.met") : t("passwordRules.unmet")}`}</VisuallyHidden>
              </Text>
            </Group>
          );
        })}
      </Box>
    </Box>
  );
}

function isShown(rule: PasswordViolation, context: PasswordContext, broken: Set<PasswordViolation>): boolean {
  switch (rule) {
    case "too_long":
      return broken.has(rule);
    case "contains_name":
      return (context.names ?? []).some((n) => n.trim().length > 0) || Boolean(context.email);
    case "contains_birth_date":
      return Boolean(context.birthDate);
    case "contains_phone":
      return Boolean(context.phone);
    default:
      return true;
  }
}
