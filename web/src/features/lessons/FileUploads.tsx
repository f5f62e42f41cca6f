import { Anchor, Button, CloseButton, FileButton, Group, List, Progress, Stack, Text } from "@mantine/core";
import { ALLOWED_FILE_TYPES, allowedTypeOfName, FILE_MAX_BYTES, type FileRef } from "@otmetka/core/contracts/files.ts";
import { HOMEWORK_FILES_MAX } from "@otmetka/core/contracts/lessons.ts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fileUrl, uploadFile } from "./lessons-api.ts";
import { lessonErrorText } from "./lessons-errors.ts";
import { formatSize } from "./lessons-format.ts";

interface Pending {
  key: string;
  name: string;
  progress: number;
  error: string | null;
}

const ACCEPT = ALLOWED_FILE_TYPES.flatMap((type) => [type.mediaType, ...type.extensions.map((e) => `.${e}`)]).join(",");
const ALLOWED = ALLOWED_FILE_TYPES.map((type) => type.label).join(", ");

/**
 * Homework attachments: each chosen file is uploaded at once, with its progress; a file the
 * server refuses (its content is not what its name says, too big) stays listed with the reason.
 */
export function FileUploads({
  files,
  onAdd,
  onRemove,
}: {
  files: FileRef[];
  onAdd: (file: FileRef) => void;
  onRemove: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [pending, setPending] = useState<Pending[]>([]);
  const update = (key: string, change: Partial<Pending>) =>
    setPending((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));

  const add = (chosen: File[]) => {
    const room = HOMEWORK_FILES_MAX - files.length - pending.filter((p) => !p.error).length;
    chosen.forEach((file, index) => {
      const key = `${Date.now()}-${index}-${file.name}`;
      const error =
        index >= room
          ? t("lessons.files.tooMany", { max: HOMEWORK_FILES_MAX })
          : file.size > FILE_MAX_BYTES
            ? t("lessons.files.tooBig")
            : allowedTypeOfName(file.name) === null
              ? t("lessons.files.notAllowed", { allowed: ALLOWED })
              : null;
      setPending((list) => [...list, { key, name: file.name, progress: 0, error }]);
      if (error) return;
      uploadFile(file, (progress) => update(key, { progress })).then(
        (ref) => {
          setPending((list) => list.filter((p) => p.key !== key));
          onAdd(ref);
        },
        (failure) => update(key, { error: lessonErrorText(t, failure) }),
      );
    });
  };

  return (
    <Stack gap="xs">
      <Group gap="sm" align="center">
        <FileButton onChange={add} multiple accept={ACCEPT}>
          {(props) => (
            <Button variant="light" {...props}>
              {t("lessons.files.add")}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {t("lessons.files.hint", { allowed: ALLOWED })}
        </Text>
      </Group>
      {(files.length > 0 || pending.length > 0) && (
        <List listStyleType="none" spacing={6} aria-label={t("lessons.files.list")}>
          {files.map((f) => (
            <List.Item key={f.id}>
              <Group gap="xs" wrap="nowrap">
                <Anchor href={fileUrl(f.id)} download underline="always" size="sm" style={{ overflowWrap: "anywhere" }}>
                  {f.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatSize(f.size, i18n.language)}
                </Text>
                <CloseButton size="sm" aria-label={t("lessons.files.remove", { name: f.name })} onClick={() => onRemove(f.id)} />
              </Group>
            </List.Item>
          ))}
          {pending.map((p) => (
            <List.Item key={p.key}>
              <Stack gap={4}>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                    {p.name}
                  </Text>
                  {p.error && (
                    <CloseButton
                      size="sm"
                      aria-label={t("lessons.files.dismiss", { name: p.name })}
                      onClick={() => setPending((list) => list.filter((x) => x.key !== p.key))}
                    />
                  )}
                </Group>
                {p.error ? (
                  <Text size="sm" c="red.8" role="alert">
                    {p.error}
                  </Text>
                ) : (
                  <Progress value={p.progress * 100} size="sm" aria-label={t("lessons.files.progress", { name: p.name })} animated />
                )}
              </Stack>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
