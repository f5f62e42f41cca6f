import type { Locale } from "@otmetka/core/contracts/common.ts";
import type { MailMessage } from "../../platform/mail/mailer.ts";

/**
 * Texts of the e-mails and SMS messages of registration, password reset and the second factor,
 * in the recipient's language. SMS texts stay short (one Cyrillic SMS holds 70 characters).
 */
type Mail = Omit<MailMessage, "to">;

const SIGNATURE = { ru: "— Отметка, электронный журнал и дневник", en: "— Otmetka, school journal and diary" };

function mail(locale: Locale, subject: string, lines: string[]): Mail {
  return { subject, text: `${lines.join("\n\n")}\n\n${SIGNATURE[locale]}\n` };
}

export function confirmationCodeMail(locale: Locale, code: string, minutes: number): Mail {
  return locale === "en"
    ? mail(locale, `Your Otmetka confirmation code: ${code}`, [
        `Your confirmation code: ${code}`,
        `It is valid for ${minutes} minutes. Enter it on the registration page to confirm your e-mail.`,
        "If you did not register with Otmetka, ignore this message: without the code no account is created.",
      ])
    : mail(locale, `Код подтверждения Отметки: ${code}`, [
        `Ваш код подтверждения: ${code}`,
        `Код действует ${minutes} минут. Введите его на странице регистрации, чтобы подтвердить e-mail.`,
        "Если вы не регистрировались в Отметке, просто проигнорируйте это письмо: без кода учётная запись не будет создана.",
      ]);
}

export function confirmationCodeSms(locale: Locale, code: string): string {
  return locale === "en" ? `Otmetka code: ${code}. Do not tell it to anyone.` : `Код Отметки: ${code}. Никому его не сообщайте.`;
}

/** Sent instead of a code when someone registers with an e-mail that already has an account. */
export function duplicateRegistrationMail(locale: Locale, publicUrl: string): Mail {
  return locale === "en"
    ? mail(locale, "Someone tried to register with your e-mail", [
        "Someone (perhaps you) just tried to register with Otmetka using this e-mail address. An account with it already exists, so nothing was changed.",
        `If it was you, sign in at ${publicUrl}/login. Forgot your password? Set a new one at ${publicUrl}/reset.`,
        "If it was not you, you can ignore this message.",
      ])
    : mail(locale, "Попытка регистрации с вашим e-mail", [
        "Кто-то (возможно, вы) только что пытался зарегистрироваться в Отметке с этим адресом. Учётная запись с ним уже есть, поэтому ничего не изменилось.",
        `Если это были вы, войдите: ${publicUrl}/login. Забыли пароль? Задайте новый: ${publicUrl}/reset.`,
        "Если это были не вы, просто проигнорируйте письмо.",
      ]);
}

export function duplicateRegistrationSms(locale: Locale, publicUrl: string): string {
  return locale === "en"
    ? `Otmetka: this number already has an account. Sign in or reset the password: ${publicUrl}/reset`
    : `Отметка: на этот номер уже есть учётная запись. Войдите или восстановите пароль: ${publicUrl}/reset`;
}

export function resetLinkMail(locale: Locale, link: string, minutes: number): Mail {
  return locale === "en"
    ? mail(locale, "Reset your Otmetka password", [
        `To set a new password, open this link within ${minutes} minutes:`,
        link,
        "The link works once. If you did not ask for it, ignore this message: your password stays as it is.",
      ])
    : mail(locale, "Восстановление пароля в Отметке", [
        `Чтобы задать новый пароль, откройте ссылку в течение ${minutes} минут:`,
        link,
        "Ссылка сработает один раз. Если вы не запрашивали восстановление, проигнорируйте письмо: пароль останется прежним.",
      ]);
}

export function resetCodeSms(locale: Locale, code: string): string {
  return locale === "en" ? `Otmetka password reset code: ${code}` : `Код для смены пароля в Отметке: ${code}`;
}

export function mfaCodeMail(locale: Locale, code: string, minutes: number): Mail {
  return locale === "en"
    ? mail(locale, `Your Otmetka sign-in code: ${code}`, [
        `Your sign-in code: ${code}`,
        `It is valid for ${minutes} minutes. If you are not signing in right now, change your password: someone knows it.`,
      ])
    : mail(locale, `Код входа в Отметку: ${code}`, [
        `Ваш код для входа: ${code}`,
        `Код действует ${minutes} минут. Если вы сейчас не входите в Отметку, смените пароль: его кто-то знает.`,
      ]);
}

export function mfaCodeSms(locale: Locale, code: string): string {
  return locale === "en" ? `Otmetka sign-in code: ${code}` : `Код входа в Отметку: ${code}`;
}

export function passwordChangedMail(locale: Locale, publicUrl: string): Mail {
  return locale === "en"
    ? mail(locale, "Your Otmetka password was changed", [
        "The password of your Otmetka account was just changed, and your other sessions were ended.",
        `If you did not do this, reset the password at once: ${publicUrl}/reset`,
      ])
    : mail(locale, "Пароль в Отметке изменён", [
        "Пароль вашей учётной записи в Отметке только что изменён, другие сеансы завершены.",
        `Если это были не вы, срочно восстановите пароль: ${publicUrl}/reset`,
      ]);
}

/** `iv***@mail.ru`: enough to recognise one's own address, not to learn someone else's. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, Math.min(2, Math.max(1, local.length - 1)))}***@${domain}`;
}

/** `+7 916 ***-**-67`. */
export function maskPhone(e164: string): string {
  return `${e164.slice(0, 2)} ${e164.slice(2, 5)} ***-**-${e164.slice(-2)}`;
}
